using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DistrictTraining.Core.Reports;

namespace DistrictTraining.Web.Models;

/// <summary>
/// The GET filter of every report page and export: ?year=2025&amp;half=1, or ?from=…&amp;to=…, with
/// optional programme, unit and (provincial office) centre. The same values build the export link.
/// </summary>
public sealed class ReportQuery
{
    [Display(Name = "Năm")]
    public int? Year { get; set; }

    [Display(Name = "Kỳ")]
    public int? Half { get; set; }

    [Display(Name = "Từ ngày")]
    public DateOnly? From { get; set; }

    [Display(Name = "Đến ngày")]
    public DateOnly? To { get; set; }

    [Display(Name = "Chương trình")]
    public int? Programme { get; set; }

    [Display(Name = "Đơn vị")]
    public int? Unit { get; set; }

    [Display(Name = "Trung tâm")]
    public int? Centre { get; set; }

    public ReportFilter ToFilter() => new()
    {
        Year = Year, Half = Half, From = From, To = To, ProgrammeId = Programme, UnitId = Unit, CentreId = Centre,
    };

    /// <summary>The filter as route values (empty ones are left out of links), plus <paramref name="extra"/>.</summary>
    public RouteValueDictionary RouteValues(object? extra = null)
    {
        var values = new RouteValueDictionary(extra);
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        Add("year", Year);
        Add("half", Half);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("programme", Programme);
        Add("unit", Unit);
        Add("centre", Centre);
        return values;
    }
}

/// <summary>What the filter partial shows: which fields this report takes.</summary>
public sealed record ReportFilterForm(ReportQuery Query, ReportChoices Choices, string Action, bool Programme = true, bool Unit = true, bool Range = true, string Controller = "Reports");

/// <summary>A report page: its filter, and the report or the Vietnamese reason there is none.</summary>
public sealed record ReportPage<T>(ReportQuery Query, ReportChoices Choices, T? Report, string? Error) where T : class;
