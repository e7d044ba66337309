using System.Reflection;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// A three-way merge of one person's record: the form carries the values it was opened with
/// (<c>original</c>), and only the fields the user changed from those are written on top of the record
/// as it is now. After an edit conflict, fields the other person changed and this user did not touch
/// keep the other person's values.
/// </summary>
public static class TraineeMerge
{
    /// <summary>The stored fields (<see cref="TraineeFieldText.Fields"/> names) where <paramref name="mine"/> differs from <paramref name="original"/>, compared as they would be stored.</summary>
    public static IReadOnlyList<string> ChangedFields(TraineeInput mine, TraineeInput original, DateOnly today)
    {
        var (after, before) = (new Trainee(), new Trainee());
        mine.ApplyTo(after, today);
        original.ApplyTo(before, today);
        var (a, b) = (TraineeFieldText.ValuesOf(after), TraineeFieldText.ValuesOf(before));
        return TraineeFieldText.Fields
            .Select(f => f.Property)
            .Where(p => !Equals(a[p], b[p]) || (p == nameof(Trainee.DateOfBirth) && !Equals(a[nameof(Trainee.BirthYearOnly)], b[nameof(Trainee.BirthYearOnly)])))
            .ToList();
    }

    /// <summary><paramref name="current"/> with the fields the user changed (from <paramref name="original"/> to <paramref name="mine"/>) taken from <paramref name="mine"/>.</summary>
    public static TraineeInput Apply(TraineeInput current, TraineeInput mine, TraineeInput original, DateOnly today)
    {
        var merged = current with { };
        foreach (var field in ChangedFields(mine, original, today))
        {
            var property = InputProperty(field);
            property.SetValue(merged, property.GetValue(mine));
        }

        return merged;
    }

    // The input property a stored field is typed in: the same name, except the date of birth, typed as text.
    private static PropertyInfo InputProperty(string field) =>
        typeof(TraineeInput).GetProperty(field == nameof(Trainee.DateOfBirth) ? nameof(TraineeInput.Birth) : field)
        ?? throw new InvalidOperationException($"TraineeInput has no property for the field {field}.");
}
