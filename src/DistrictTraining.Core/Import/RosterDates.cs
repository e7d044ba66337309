using System.Globalization;
using System.Text.RegularExpressions;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Import;

internal enum DateReadStatus
{
    Ok,
    Invalid,
    Future,
    Before1900,
}

/// <summary>
/// Reads the dates of commune lists: text (dd/MM/yyyy, d/M/yyyy, with '-' or '.', ddMMyyyy, a bare
/// year), Excel serial numbers (date-styled or bare), and numbers that are really a year (1985).
/// </summary>
internal static partial class RosterDates
{
    [GeneratedRegex(@"\s*([/.\-])\s*")]
    private static partial Regex SeparatorSpaces();

    [GeneratedRegex(@"\s+0?0:00(:00)?$")]
    private static partial Regex MidnightSuffix();

    [GeneratedRegex(@"(\d{4})\D*$")]
    private static partial Regex TrailingYear();

    public static DateReadStatus Read(RawCell cell, bool date1904, DateOnly today, out PartialDate value, out string display)
    {
        value = default;
        display = cell.DisplayText(date1904);
        DateReadStatus status;
        switch (cell.Kind)
        {
            case RawCellKind.Number:
                status = FromNumber(cell, date1904, out value);
                break;
            case RawCellKind.Text:
                status = FromText(cell.Text, out value);
                break;
            default:
                return DateReadStatus.Invalid;
        }

        return status == DateReadStatus.Ok ? Validate(value, today) : status;
    }

    /// <summary>A date from separate day, month and year cells; day and month may be empty (year only).</summary>
    public static DateReadStatus Compose(RawCell? day, RawCell? month, RawCell? year, bool date1904, DateOnly today, out PartialDate value, out string display)
    {
        value = default;
        var d = day?.DisplayText(date1904) ?? string.Empty;
        var m = month?.DisplayText(date1904) ?? string.Empty;
        var y = year?.DisplayText(date1904) ?? string.Empty;
        display = string.Join('/', new[] { d, m, y }.Where(p => p.Length > 0));
        if (y.Length == 0)
        {
            return DateReadStatus.Invalid;
        }

        var text = d.Length == 0 && m.Length == 0 ? y : $"{d}/{m}/{y}";
        var status = FromText(text, out value);
        return status == DateReadStatus.Ok ? Validate(value, today) : status;
    }

    private static DateReadStatus FromNumber(RawCell cell, bool date1904, out PartialDate value)
    {
        value = default;
        var n = cell.Number;
        var integral = n == Math.Floor(n);

        // A year typed as a number — even into a date-formatted cell, where Excel would show 1905.
        if (integral && n is >= 1900 and <= 2100)
        {
            value = PartialDate.OfYear((int)n);
            return DateReadStatus.Ok;
        }

        if (integral && n is > 0 and < 1900)
        {
            return cell.DateStyled ? FromSerial(n, date1904, out value) : DateReadStatus.Invalid;
        }

        // 13021990 typed without separators.
        if (integral && !cell.DateStyled && n is >= 1_011_900 and <= 31_129_999)
        {
            return FromText(((long)n).ToString("00000000", CultureInfo.InvariantCulture), out value);
        }

        return FromSerial(n, date1904, out value);
    }

    private static DateReadStatus FromSerial(double serial, bool date1904, out PartialDate value)
    {
        value = default;
        if (ExcelDates.FromSerial(serial, date1904) is not { } date)
        {
            return DateReadStatus.Invalid;
        }

        value = PartialDate.Full(date);
        return DateReadStatus.Ok;
    }

    private static DateReadStatus FromText(string text, out PartialDate value)
    {
        var s = MidnightSuffix().Replace(VietnameseText.Clean(text), string.Empty);
        s = SeparatorSpaces().Replace(s, "$1").TrimEnd('.');
        if (PartialDate.TryParse(s, out value))
        {
            return DateReadStatus.Ok;
        }

        if (s.Length == 8 && s.All(char.IsAsciiDigit)
            && DateOnly.TryParseExact(s, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compact)
            && compact.Year >= 1900)
        {
            value = PartialDate.Full(compact);
            return DateReadStatus.Ok;
        }

        var year = TrailingYear().Match(s);
        if (year.Success && int.TryParse(year.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            if (y < 1900)
            {
                return DateReadStatus.Before1900;
            }

            if (y > 2100)
            {
                return DateReadStatus.Future;
            }
        }

        return DateReadStatus.Invalid;
    }

    private static DateReadStatus Validate(PartialDate value, DateOnly today)
    {
        if (value.Year < 1900)
        {
            return DateReadStatus.Before1900;
        }

        return (value.YearOnly ? value.Year > today.Year : value.Date > today) ? DateReadStatus.Future : DateReadStatus.Ok;
    }

    /// <summary>The Vietnamese row error for a date that could not be taken, e.g. "Ngày sinh không hợp lệ: 31/02/1990.".</summary>
    public static string Message(string what, DateReadStatus status, string display) => status switch
    {
        DateReadStatus.Future => $"{what} không hợp lệ: {display} (sau ngày hôm nay).",
        DateReadStatus.Before1900 => $"{what} không hợp lệ: {display} (trước năm 1900).",
        _ => $"{what} không hợp lệ: {display}.",
    };
}
