using System.Globalization;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Import;

internal enum RawCellKind
{
    Text,
    Number,
    Boolean,
    Error,
}

/// <summary>
/// One non-empty cell as stored: text already cleaned (NFC, folded spaces); numbers kept with
/// whether their style is a date format. Formulas are never evaluated: only cached values arrive here.
/// </summary>
/// <param name="Raw">The text as stored, kept only when cleaning removed hidden characters from it (a name must refuse those).</param>
internal readonly record struct RawCell(int Column, RawCellKind Kind, string Text, double Number, bool DateStyled, string? Raw = null)
{
    public bool IsNumber => Kind == RawCellKind.Number;

    /// <summary>The cell as a person reads it; dates as dd/MM/yyyy.</summary>
    public string DisplayText(bool date1904)
    {
        switch (Kind)
        {
            case RawCellKind.Number when DateStyled && ExcelDates.FromSerial(Number, date1904) is { } date:
                return date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            case RawCellKind.Number:
                return FormatNumber(Number);
            case RawCellKind.Boolean:
                return Number != 0 ? "TRUE" : "FALSE";
            default:
                return Text;
        }
    }

    public static string FormatNumber(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A row of the sheet: its Excel number and its non-empty cells, left to right.</summary>
internal sealed class SheetRow(int number, List<RawCell> cells)
{
    public int Number { get; } = number;

    public List<RawCell> Cells { get; } = cells;

    public bool IsEmpty => Cells.Count == 0;

    public RawCell? Get(int column)
    {
        foreach (var cell in Cells)
        {
            if (cell.Column == column)
            {
                return cell;
            }
        }

        return null;
    }
}

/// <summary>A merged range, 1-based and inclusive.</summary>
internal readonly record struct MergeRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    public int Width => LastColumn - FirstColumn + 1;

    public bool Contains(int row, int column) =>
        row >= FirstRow && row <= LastRow && column >= FirstColumn && column <= LastColumn;

    public static MergeRange? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0
            || !CellReference.TryParse(reference.AsSpan(0, colon), out var r1, out var c1)
            || !CellReference.TryParse(reference.AsSpan(colon + 1), out var r2, out var c2))
        {
            return null;
        }

        return new MergeRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2));
    }
}

/// <summary>A1-style references.</summary>
internal static class CellReference
{
    public const int MaxColumn = 16_384;

    /// <summary>Parses "AB12" (row may be absent: "AB"). Row is 0 when absent.</summary>
    public static bool TryParse(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        if (i < reference.Length && reference[i] == '$')
        {
            i++;
        }

        var letters = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (++letters > 3)
            {
                return false;
            }
        }

        if (letters == 0 || column > MaxColumn)
        {
            return false;
        }

        if (i < reference.Length && reference[i] == '$')
        {
            i++;
        }

        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i]) || row > 10_000_000)
            {
                return false;
            }

            row = (row * 10) + (reference[i] - '0');
        }

        return true;
    }

    public static string ColumnLetter(int column)
    {
        var letters = string.Empty;
        while (column > 0)
        {
            var rem = (column - 1) % 26;
            letters = (char)('A' + rem) + letters;
            column = (column - 1) / 26;
        }

        return letters;
    }
}

/// <summary>Excel serial dates, 1900 and 1904 systems.</summary>
internal static class ExcelDates
{
    private const double MaxSerial = 2_958_465; // 31/12/9999

    public static DateOnly? FromSerial(double serial, bool date1904)
    {
        if (double.IsNaN(serial) || serial < 0 || serial > MaxSerial)
        {
            return null;
        }

        var days = (int)Math.Floor(serial);
        if (date1904)
        {
            var d = new DateOnly(1904, 1, 1).DayNumber + days;
            return d <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber(d) : null;
        }

        return days switch
        {
            0 => null, // Excel's "00/01/1900"
            60 => null, // the 29/02/1900 Excel pretends existed
            < 60 => new DateOnly(1899, 12, 31).AddDays(days),
            _ => new DateOnly(1899, 12, 30).AddDays(days),
        };
    }
}

/// <summary>Built-in and custom number formats that display a date.</summary>
internal static class DateFormats
{
    public static bool IsBuiltInDate(int numFmtId) =>
        numFmtId is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>True when a custom format code shows a date or time: d, m, y, h or s outside quotes, escapes and brackets.</summary>
    public static bool IsDateFormatCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        // Only the first section (positive numbers) decides.
        var inQuote = false;
        var inBracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (inQuote)
            {
                inQuote = ch != '"';
                continue;
            }

            if (inBracket)
            {
                inBracket = ch != ']';
                continue;
            }

            switch (ch)
            {
                case '"': inQuote = true; break;
                case '[': inBracket = true; break;
                case '\\' or '_' or '*': i++; break;
                case ';': return false;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true; // "General" has none of these letters
            }
        }

        return false;
    }
}
