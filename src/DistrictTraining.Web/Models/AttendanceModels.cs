using System.Globalization;
using DistrictTraining.Core.Classes;

namespace DistrictTraining.Web.Models;

/// <summary>
/// The attendance grid's form fields: one text input per cell named "m.{enrolment}.{session}" and its note
/// "n.{enrolment}.{session}". A grid of 100 × 60 is 12,000 fields, so they are read straight from the form
/// rather than bound to a collection (MVC caps bound collections at 1,024 items).
/// </summary>
public static class AttendanceForm
{
    /// <summary>The most form values a grid save may post (the default limit is 1,024).</summary>
    public const int MaxValues = 50_000;

    public static string MarkField(int enrolmentId, int sessionId) => string.Create(CultureInfo.InvariantCulture, $"m.{enrolmentId}.{sessionId}");

    public static string NoteField(int enrolmentId, int sessionId) => string.Create(CultureInfo.InvariantCulture, $"n.{enrolmentId}.{sessionId}");

    /// <summary>The field listing the enrolments of the page's rows ("12,13,14"), to which a save is confined.</summary>
    public const string RowsField = "rows";

    /// <summary>The rows the page showed, or null when the form names none (the whole class, as before paging).</summary>
    public static IReadOnlyCollection<int>? Rows(IFormCollection form)
    {
        if (!form.TryGetValue(RowsField, out var value))
        {
            return null;
        }

        var rows = new HashSet<int>();
        foreach (var part in value.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                rows.Add(id);
            }
        }

        return rows;
    }

    public static IReadOnlyList<AttendanceCellInput> Cells(IFormCollection form)
    {
        var cells = new List<AttendanceCellInput>();
        foreach (var (key, value) in form)
        {
            var parts = key.Split('.');
            if (parts is ["m", var e, var s]
                && int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var enrolmentId)
                && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var sessionId))
            {
                cells.Add(new AttendanceCellInput(enrolmentId, sessionId, value.ToString(), form[NoteField(enrolmentId, sessionId)].ToString()));
            }
        }

        return cells;
    }
}
