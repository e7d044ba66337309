using System.Globalization;

namespace DistrictTraining.Core.Common;

/// <summary>
/// A date of birth as old lists give it: a full date, or only the year.
/// Stored as two columns (a date and a year-only flag) so it sorts and filters in SQL.
/// </summary>
public readonly record struct PartialDate
{
    private PartialDate(DateOnly date, bool yearOnly)
    {
        Date = date;
        YearOnly = yearOnly;
    }

    /// <summary>The full date; for a year-only value, 1 January of that year.</summary>
    public DateOnly Date { get; }

    public bool YearOnly { get; }

    public int Year => Date.Year;

    public static PartialDate Full(DateOnly date) => new(date, false);

    public static PartialDate OfYear(int year) => new(new DateOnly(year, 1, 1), true);

    public static PartialDate From(DateOnly date, bool yearOnly) => yearOnly ? OfYear(date.Year) : Full(date);

    /// <summary>dd/MM/yyyy, or yyyy alone when only the year is known.</summary>
    public override string ToString() =>
        YearOnly ? Year.ToString(CultureInfo.InvariantCulture) : Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Parses "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy" or a bare "yyyy".</summary>
    public static bool TryParse(string? text, out PartialDate value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            if (year is < 1900 or > 2100)
            {
                return false;
            }

            value = OfYear(year);
            return true;
        }

        string[] formats = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];
        if (DateOnly.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2100)
        {
            value = Full(date);
            return true;
        }

        return false;
    }
}
