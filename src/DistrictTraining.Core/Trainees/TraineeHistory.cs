using System.Text.Json;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// Turns a trainee's audit lines into readable history. The lines are replayed oldest first, so each
/// change is shown against the whole record as it stood (a year-only birth stays "1962").
/// </summary>
internal static class TraineeHistory
{
    /// <summary>The changed properties of one audit line with their old and new values (old is null for a creation).</summary>
    public static IEnumerable<(string Property, object? Old, object? New)> Changes(AuditEntry entry)
    {
        using var json = JsonDocument.Parse(entry.Changes);
        var list = new List<(string, object?, object?)>();
        foreach (var p in json.RootElement.EnumerateObject())
        {
            if (entry.Action == AuditAction.Updated && p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2)
            {
                list.Add((p.Name, TraineeFieldText.FromJson(p.Name, p.Value[0]), TraineeFieldText.FromJson(p.Name, p.Value[1])));
            }
            else
            {
                list.Add((p.Name, null, TraineeFieldText.FromJson(p.Name, p.Value)));
            }
        }

        return list;
    }

    public static IEnumerable<int> UnitIds(IEnumerable<AuditEntry> entries) =>
        entries.SelectMany(Changes)
            .Where(c => c.Property == nameof(Trainee.UnitId))
            .SelectMany(c => new[] { c.Old, c.New })
            .OfType<int>();

    /// <summary>History lines, newest first.</summary>
    public static IReadOnlyList<TraineeHistoryLine> Build(
        IReadOnlyList<AuditEntry> entriesOldestFirst,
        IReadOnlyDictionary<int, string> unitNames,
        Func<AuditEntry, string> who)
    {
        var state = new Dictionary<string, object?>();
        var lines = new List<TraineeHistoryLine>();
        foreach (var entry in entriesOldestFirst)
        {
            var before = new Dictionary<string, object?>(state);
            var changed = new List<string>();
            foreach (var (property, old, @new) in Changes(entry))
            {
                if (entry.Action == AuditAction.Updated)
                {
                    before[property] = old;
                }

                state[property] = @new;
                changed.Add(TraineeFieldText.FieldOf(property));
            }

            var fields = TraineeFieldText.Fields.Where(f => changed.Contains(f.Property)).ToList();
            var texts = entry.Action switch
            {
                AuditAction.Updated => fields.Select(f =>
                    $"{f.Label}: {TraineeFieldText.Format(f.Property, before, unitNames)} → {TraineeFieldText.Format(f.Property, state, unitNames)}"),
                _ => fields
                    .Select(f => (f.Label, Text: TraineeFieldText.Format(f.Property, state, unitNames)))
                    .Where(f => f.Text != TraineeFieldText.Empty)
                    .Select(f => $"{f.Label}: {f.Text}"),
            };
            var action = entry.Action switch
            {
                AuditAction.Created => "Tạo hồ sơ",
                AuditAction.Deleted => "Xóa hồ sơ",
                _ => "Sửa hồ sơ",
            };
            lines.Add(new TraineeHistoryLine(VietnamTime.Format(entry.At), who(entry), action, texts.ToList()));
        }

        lines.Reverse();
        return lines;
    }
}
