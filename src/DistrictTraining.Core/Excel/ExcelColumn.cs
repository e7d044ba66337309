namespace DistrictTraining.Core.Excel;

/// <summary>What a column holds; it chooses the number format and the default alignment.</summary>
public enum ExcelCellKind
{
    /// <summary>Text, left-aligned and wrapped.</summary>
    Text,

    /// <summary>Whole numbers, "#,##0", right-aligned.</summary>
    Integer,

    /// <summary>Numbers with one decimal (scores, averages), "#,##0.0", right-aligned.</summary>
    Decimal,

    /// <summary>A ratio (0.558, not 55.8) shown as "0.0%", right-aligned.</summary>
    Percent,

    /// <summary>A date shown as dd/mm/yyyy, centred.</summary>
    Date,

    /// <summary>A date and time shown as dd/mm/yyyy hh:mm, centred.</summary>
    DateTime,
}

public enum ExcelAlignment
{
    /// <summary>The kind's default: text left, numbers right, dates centred.</summary>
    Default,
    Left,
    Center,
    Right,
}

public enum ExcelOrientation
{
    Landscape,
    Portrait,
}

/// <summary>One column of a report: its Vietnamese header, its width in characters and its kind.</summary>
public sealed record ExcelColumn(string Header, double Width = ExcelColumn.DefaultWidth, ExcelCellKind Kind = ExcelCellKind.Text)
{
    public const double DefaultWidth = 15;

    /// <summary>Overrides the kind's alignment, e.g. a centred "STT" column.</summary>
    public ExcelAlignment Alignment { get; init; } = ExcelAlignment.Default;

    internal ExcelAlignment EffectiveAlignment => Alignment != ExcelAlignment.Default
        ? Alignment
        : Kind switch
        {
            ExcelCellKind.Text => ExcelAlignment.Left,
            ExcelCellKind.Date or ExcelCellKind.DateTime => ExcelAlignment.Center,
            _ => ExcelAlignment.Right,
        };
}
