using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Organisation;

/// <summary>What documents print about the centre, the class-size norm it warns about, and its public address.</summary>
public sealed record CentreSettings(
    string Name,
    string? ParentBodyName,
    int? HostUnitId,
    string? PlaceName,
    string? DirectorName,
    string? Address,
    int MinimumClassSize,
    string? PublicBaseUrl = null);

/// <summary>A unit, in tree order, and whether (and when) the centre serves it.</summary>
public sealed record ServedUnitRow(UnitNode Unit, bool IsServed, DateOnly? ServedFrom, DateOnly? ServedTo);

public sealed record ServedUnitChoice(int UnitId, DateOnly? ServedFrom, DateOnly? ServedTo);

/// <summary>The signed-in administrator's own centre: its settings and the units it serves.</summary>
public sealed class CentreSettingsService(AppDbContext db, IUserScope scope, OrganisationUnitService units)
{
    public async Task<CentreSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        return await db.TrainingCentres.AsNoTracking()
            .Where(c => c.Id == centreId)
            .Select(c => new CentreSettings(c.Name, c.ParentBodyName, c.HostUnitId, c.PlaceName, c.DirectorName, c.Address, c.MinimumClassSize, c.PublicBaseUrl))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy trung tâm của tài khoản này.");
    }

    public async Task SaveAsync(CentreSettings settings, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var centre = await db.TrainingCentres.FirstOrDefaultAsync(c => c.Id == centreId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy trung tâm của tài khoản này.");
        var name = VietnameseText.Clean(settings.Name);
        if (name.Length == 0)
        {
            throw new DomainException("Vui lòng nhập tên trung tâm.");
        }

        if (settings.MinimumClassSize is < 1 or > 1000)
        {
            throw new DomainException("Sĩ số tối thiểu của lớp phải từ 1 đến 1000.");
        }

        if (settings.HostUnitId is { } host && !await db.OrganisationUnits.AnyAsync(u => u.Id == host, cancellationToken))
        {
            throw new DomainException("Không tìm thấy đơn vị chủ quản.");
        }

        var publicBaseUrl = PublicAddress.Normalise(settings.PublicBaseUrl);
        centre.Name = name;
        // Printed in capitals above the centre's name on every document.
        centre.ParentBodyName = Optional(settings.ParentBodyName)?.ToUpper(VietnameseText.Culture);
        centre.HostUnitId = settings.HostUnitId;
        centre.PlaceName = Optional(settings.PlaceName);
        centre.DirectorName = Optional(settings.DirectorName);
        centre.Address = Optional(settings.Address);
        centre.MinimumClassSize = settings.MinimumClassSize;
        centre.PublicBaseUrl = publicBaseUrl;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every unit in tree order, with the centre's period of service where it serves it.</summary>
    public async Task<IReadOnlyList<ServedUnitRow>> ServedUnitsAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var served = await db.CentreServedUnits.AsNoTracking().Where(s => s.CentreId == centreId)
            .ToDictionaryAsync(s => s.UnitId, cancellationToken);
        var tree = await units.TreeAsync(today, all: true, cancellationToken);
        return tree.Select(u => served.TryGetValue(u.Id, out var s)
                ? new ServedUnitRow(u, true, s.ServedFrom, s.ServedTo)
                : new ServedUnitRow(u, false, null, null))
            .ToList();
    }

    /// <summary>Replaces the set of units the centre serves with <paramref name="choices"/>.</summary>
    public async Task SaveServedUnitsAsync(IReadOnlyList<ServedUnitChoice> choices, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var ids = choices.Select(c => c.UnitId).Distinct().ToList();
        var names = await db.OrganisationUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        foreach (var choice in choices)
        {
            if (!names.TryGetValue(choice.UnitId, out var name))
            {
                throw new DomainException("Không tìm thấy một số đơn vị đã chọn.");
            }

            if (choice.ServedFrom > choice.ServedTo)
            {
                throw new DomainException($"{name}: ngày bắt đầu phục vụ phải trước ngày kết thúc.");
            }
        }

        var current = await db.CentreServedUnits.Where(s => s.CentreId == centreId).ToListAsync(cancellationToken);
        db.CentreServedUnits.RemoveRange(current.Where(s => !ids.Contains(s.UnitId)));
        foreach (var choice in choices.DistinctBy(c => c.UnitId))
        {
            var row = current.FirstOrDefault(s => s.UnitId == choice.UnitId);
            if (row is null)
            {
                row = new CentreServedUnit { CentreId = centreId, UnitId = choice.UnitId };
                db.CentreServedUnits.Add(row);
            }

            row.ServedFrom = choice.ServedFrom;
            row.ServedTo = choice.ServedTo;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);
}
