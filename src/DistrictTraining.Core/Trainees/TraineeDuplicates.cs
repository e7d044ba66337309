using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Trainees;

/// <summary>An existing person who may be the one being added, with their unit for the "same unit" hint.</summary>
internal sealed record Namesake(TraineeRef Person, int? UnitId);

/// <summary>
/// Who may already be the person being added: one query, used by the trainee form, the roster's quick-add
/// and the as-you-type check, so that they all warn about the same people.
/// </summary>
internal static class TraineeDuplicates
{
    internal const string PossibleDuplicateTag = "trainee-possible-duplicates";

    /// <summary>
    /// Same name (without diacritics) and the same date of birth; a year-only birth matches any date of
    /// that year. Two people whose CCCDs differ are certainly different and are not returned.
    /// </summary>
    public static async Task<IReadOnlyList<Namesake>> SameNameAndBirthAsync(AppDbContext db, Trainee trainee, CancellationToken cancellationToken)
    {
        if (trainee.DateOfBirth is not { } birth)
        {
            return [];
        }

        var from = new DateOnly(birth.Year, 1, 1);
        var to = new DateOnly(birth.Year, 12, 31);
        var key = trainee.SearchKey;
        var candidates = await db.Trainees.AsNoTracking().TagWith(PossibleDuplicateTag)
            .Where(t => t.SearchKey == key && t.DateOfBirth >= from && t.DateOfBirth <= to)
            .OrderBy(t => t.SortKey).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.FullName, t.DateOfBirth, t.BirthYearOnly, t.Cccd, t.UnitId, UnitName = t.Unit!.Name })
            .Take(50)
            .ToListAsync(cancellationToken);
        return candidates
            .Where(c => c.DateOfBirth == birth || c.BirthYearOnly || trainee.BirthYearOnly)
            .Where(c => c.Cccd is null || trainee.Cccd is null || c.Cccd == trainee.Cccd)
            .Select(c => new Namesake(new TraineeRef(c.Id, c.FullName, PartialDate.From(c.DateOfBirth!.Value, c.BirthYearOnly).ToString(), c.Cccd, c.UnitName), c.UnitId))
            .ToList();
    }
}
