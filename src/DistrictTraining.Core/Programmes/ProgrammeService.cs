using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Programmes;

public sealed record GradeBandRule(decimal MinScore, string Name);

/// <summary>A programme and the rules an administrator may change; <see cref="Id"/> null for a new programme.</summary>
public sealed record ProgrammeRules(
    int? Id,
    string Code,
    string Name,
    ProgrammeKind Kind,
    string? TargetAudience,
    int? TypicalDays,
    int? TopicCount,
    AssessmentKind Assessment,
    CertificateKind Certificate,
    decimal AttendanceThresholdPercent,
    decimal PassScore,
    int? ValidityMonths,
    bool IsActive,
    IReadOnlyList<GradeBandRule> GradeBands);

/// <summary>The programme catalogue: everyone who reads the centre's data may list it; administrators change it.</summary>
public sealed class ProgrammeService(AppDbContext db)
{
    public async Task<IReadOnlyList<ProgrammeRules>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Ten-odd rows: ordered in memory, because SQLite cannot order by a decimal column.
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.GradeBands)
            .OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        return programmes.Select(ToRules).ToList();
    }

    public async Task<ProgrammeRules?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.GradeBands)
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return programme is null ? null : ToRules(programme);
    }

    /// <summary>Creates a programme or changes its rules; refuses what breaks a rule with a Vietnamese message.</summary>
    public async Task<int> SaveAsync(ProgrammeRules rules, CancellationToken cancellationToken = default)
    {
        Validate(rules);
        Programme programme;
        if (rules.Id is { } id)
        {
            programme = await db.Programmes.Include(p => p.GradeBands).FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
                ?? throw new DomainException("Không tìm thấy chương trình đào tạo.");
        }
        else
        {
            var code = VietnameseText.Clean(rules.Code).ToUpperInvariant();
            if (await db.Programmes.AnyAsync(p => p.Code == code, cancellationToken))
            {
                throw new DomainException($"Mã chương trình “{code}” đã được dùng.");
            }

            var last = await db.Programmes.MaxAsync(p => (int?)p.DisplayOrder, cancellationToken) ?? 0;
            programme = new Programme { Code = code, DisplayOrder = last + 1 };
            db.Programmes.Add(programme);
        }

        programme.Name = VietnameseText.Clean(rules.Name);
        programme.Kind = rules.Kind;
        programme.TargetAudience = NullIfEmpty(rules.TargetAudience);
        programme.TypicalDays = rules.TypicalDays;
        programme.TopicCount = rules.TopicCount;
        programme.Assessment = rules.Assessment;
        programme.Certificate = rules.Certificate;
        programme.AttendanceThresholdPercent = rules.AttendanceThresholdPercent;
        programme.PassScore = rules.PassScore;
        programme.ValidityMonths = rules.ValidityMonths;
        programme.IsActive = rules.IsActive;

        // Keep the rows of bands whose minimum is unchanged (a renamed band stays the same row), so the
        // audit trail shows a rename as a rename and the unique (programme, minimum) index is never hit.
        var existing = programme.GradeBands.ToDictionary(b => b.MinScore);
        var bands = rules.GradeBands.Select(rule =>
        {
            var band = existing.GetValueOrDefault(rule.MinScore) ?? new GradeBand { MinScore = rule.MinScore };
            band.Name = VietnameseText.Clean(rule.Name);
            return band;
        }).ToList();
        programme.SetGradeBands(bands);

        await db.SaveChangesAsync(cancellationToken);
        return programme.Id;
    }

    private static void Validate(ProgrammeRules rules)
    {
        if (string.IsNullOrWhiteSpace(rules.Name))
        {
            throw new DomainException("Vui lòng nhập tên chương trình.");
        }

        if (rules.Id is null && string.IsNullOrWhiteSpace(rules.Code))
        {
            throw new DomainException("Vui lòng nhập mã chương trình.");
        }

        if (rules.AttendanceThresholdPercent is < 0 or > 100)
        {
            throw new DomainException("Tỷ lệ chuyên cần tối thiểu phải từ 0 đến 100%.");
        }

        if (rules.PassScore is < 0 or > 10)
        {
            throw new DomainException("Điểm đạt phải từ 0 đến 10.");
        }

        if (decimal.Round(rules.PassScore, 1) != rules.PassScore)
        {
            throw new DomainException("Điểm đạt chỉ được có một chữ số thập phân.");
        }

        if (decimal.Round(rules.AttendanceThresholdPercent, 2) != rules.AttendanceThresholdPercent)
        {
            throw new DomainException("Tỷ lệ chuyên cần tối thiểu chỉ được có tối đa hai chữ số thập phân.");
        }

        if (rules.ValidityMonths is < 1 or > 1200)
        {
            throw new DomainException("Thời hạn giá trị phải từ 1 đến 1200 tháng, hoặc để trống nếu không có thời hạn.");
        }

        if (rules.TypicalDays is < 1 or > 1000 || rules.TopicCount is < 1 or > 500)
        {
            throw new DomainException("Số ngày và số chuyên đề phải là số dương.");
        }

        foreach (var band in rules.GradeBands)
        {
            if (string.IsNullOrWhiteSpace(band.Name))
            {
                throw new DomainException($"Vui lòng nhập tên xếp loại có điểm tối thiểu {band.MinScore.ToString("0.0", VietnameseText.Culture)}.");
            }

            if (VietnameseText.Clean(band.Name).Length > 50)
            {
                throw new DomainException("Tên xếp loại không được dài quá 50 ký tự.");
            }

            if (decimal.Round(band.MinScore, 1) != band.MinScore)
            {
                throw new DomainException("Điểm tối thiểu của xếp loại chỉ được có một chữ số thập phân.");
            }
        }
    }

    private static ProgrammeRules ToRules(Programme p) => new(
        p.Id, p.Code, p.Name, p.Kind, p.TargetAudience, p.TypicalDays, p.TopicCount, p.Assessment, p.Certificate,
        p.AttendanceThresholdPercent, p.PassScore, p.ValidityMonths, p.IsActive,
        p.GradeBands.OrderBy(b => b.MinScore).Select(b => new GradeBandRule(b.MinScore, b.Name)).ToList());

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);
}
