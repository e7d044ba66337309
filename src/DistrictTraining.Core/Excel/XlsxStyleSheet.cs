using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DistrictTraining.Core.Excel;

internal enum XlsxFont : uint
{
    Regular = 0,
    Bold = 1,
    Italic = 2,
    Title = 3,
}

internal readonly record struct XlsxStyleKey(
    uint NumberFormatId,
    XlsxFont Font,
    bool Border,
    ExcelAlignment Horizontal,
    bool Wrap,
    bool QuotePrefix);

/// <summary>
/// The cell formats a report uses, collected before the sheet is written (they depend only on the
/// columns), so the styles part never grows with the data.
/// </summary>
internal sealed class XlsxStyleSheet
{
    public const uint GeneralFormat = 0;
    public const uint IntegerFormat = 3; // built in: #,##0
    public const uint DateFormat = 164;
    public const uint DecimalFormat = 165;
    public const uint PercentFormat = 166;
    public const uint DateTimeFormat = 167;

    public const string DateFormatCode = "dd/mm/yyyy";
    public const string DecimalFormatCode = "#,##0.0";
    public const string PercentFormatCode = "0.0%";
    public const string DateTimeFormatCode = "dd/mm/yyyy hh:mm";

    private readonly Dictionary<XlsxStyleKey, uint> _ids = [];
    private readonly List<XlsxStyleKey> _keys = [];

    private static readonly XlsxStyleKey DefaultKey =
        new(GeneralFormat, XlsxFont.Regular, false, ExcelAlignment.Default, false, false);

    public XlsxStyleSheet()
    {
        // Index 0 is the workbook's plain default; every other format is vertically centred.
        Get(DefaultKey);
    }

    public uint Get(XlsxStyleKey key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = (uint)_keys.Count;
            _keys.Add(key);
            _ids.Add(key, id);
        }

        return id;
    }

    public static uint NumberFormatFor(ExcelCellKind kind) => kind switch
    {
        ExcelCellKind.Integer => IntegerFormat,
        ExcelCellKind.Decimal => DecimalFormat,
        ExcelCellKind.Percent => PercentFormat,
        ExcelCellKind.Date => DateFormat,
        ExcelCellKind.DateTime => DateTimeFormat,
        _ => GeneralFormat,
    };

    public Stylesheet Build(string fontName, double fontSize)
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = DateFormatCode },
            new NumberingFormat { NumberFormatId = DecimalFormat, FormatCode = DecimalFormatCode },
            new NumberingFormat { NumberFormatId = PercentFormat, FormatCode = PercentFormatCode },
            new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = DateTimeFormatCode })
        { Count = 4 };

        var fonts = new Fonts(
            MakeFont(fontName, fontSize, bold: false, italic: false),
            MakeFont(fontName, fontSize, bold: true, italic: false),
            MakeFont(fontName, fontSize, bold: false, italic: true),
            MakeFont(fontName, fontSize + 2, bold: true, italic: false))
        { Count = 4 };

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 };

        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()))
        { Count = 2 };

        var styleFormats = new CellStyleFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 })
        { Count = 1 };

        var cellFormats = new CellFormats { Count = (uint)_keys.Count };
        foreach (var key in _keys)
        {
            cellFormats.Append(MakeCellFormat(key));
        }

        var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 };

        return new Stylesheet(numberFormats, fonts, fills, borders, styleFormats, cellFormats, cellStyles);
    }

    private static Font MakeFont(string name, double size, bool bold, bool italic)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        if (italic)
        {
            font.Append(new Italic());
        }

        font.Append(new FontSize { Val = size });
        font.Append(new FontName { Val = name });
        font.Append(new FontFamilyNumbering { Val = 1 });
        return font;
    }

    private static CellFormat MakeCellFormat(XlsxStyleKey key)
    {
        var format = new CellFormat
        {
            NumberFormatId = key.NumberFormatId,
            FontId = (uint)key.Font,
            FillId = 0,
            BorderId = key.Border ? 1U : 0U,
            FormatId = 0,
        };

        if (key.NumberFormatId != GeneralFormat)
        {
            format.ApplyNumberFormat = true;
        }

        if (key.Font != XlsxFont.Regular)
        {
            format.ApplyFont = true;
        }

        if (key.Border)
        {
            format.ApplyBorder = true;
        }

        if (key.QuotePrefix)
        {
            format.QuotePrefix = true;
        }

        if (key != DefaultKey)
        {
            var alignment = new Alignment { Vertical = VerticalAlignmentValues.Center };
            if (key.Horizontal != ExcelAlignment.Default)
            {
                alignment.Horizontal = key.Horizontal switch
                {
                    ExcelAlignment.Left => HorizontalAlignmentValues.Left,
                    ExcelAlignment.Center => HorizontalAlignmentValues.Center,
                    _ => HorizontalAlignmentValues.Right,
                };
            }

            if (key.Wrap)
            {
                alignment.WrapText = true;
            }

            format.ApplyAlignment = true;
            format.Append(alignment);
        }

        return format;
    }
}
