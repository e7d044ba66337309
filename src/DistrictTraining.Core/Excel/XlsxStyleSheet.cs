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

    public int Count => _keys.Count;

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

    /// <summary>Writes the styles part: the number formats, four fonts, two borders and the collected cell formats.</summary>
    public void Write(XlsxXmlWriter w, string fontName, double fontSize)
    {
        w.Raw("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"u8);
        w.Raw("<numFmts count=\"4\">"u8);
        NumberFormat(w, DateFormat, DateFormatCode);
        NumberFormat(w, DecimalFormat, DecimalFormatCode);
        NumberFormat(w, PercentFormat, PercentFormatCode);
        NumberFormat(w, DateTimeFormat, DateTimeFormatCode);
        w.Raw("</numFmts><fonts count=\"4\">"u8);
        Font(w, fontName, fontSize, bold: false, italic: false);
        Font(w, fontName, fontSize, bold: true, italic: false);
        Font(w, fontName, fontSize, bold: false, italic: true);
        Font(w, fontName, fontSize + 2, bold: true, italic: false);
        w.Raw("</fonts>"u8);
        w.Raw("<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"u8);
        w.Raw("<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"u8);
        w.Raw("<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"u8);
        w.Raw("<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"u8);
        w.Raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"u8);
        w.Raw("<cellXfs count=\""u8);
        w.Value(_keys.Count);
        w.Raw("\">"u8);
        foreach (var key in _keys)
        {
            CellFormat(w, key);
        }

        w.Raw("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"u8);
    }

    private static void NumberFormat(XlsxXmlWriter w, uint id, string code)
    {
        w.Raw("<numFmt numFmtId=\""u8);
        w.Value(id);
        w.Raw("\" formatCode=\""u8);
        w.Attribute(code);
        w.Raw("\"/>"u8);
    }

    private static void Font(XlsxXmlWriter w, string name, double size, bool bold, bool italic)
    {
        w.Raw("<font>"u8);
        if (bold)
        {
            w.Raw("<b/>"u8);
        }

        if (italic)
        {
            w.Raw("<i/>"u8);
        }

        w.Raw("<sz val=\""u8);
        w.Value(size);
        w.Raw("\"/><name val=\""u8);
        w.Attribute(name);
        w.Raw("\"/><family val=\"1\"/></font>"u8);
    }

    private static void CellFormat(XlsxXmlWriter w, XlsxStyleKey key)
    {
        w.Raw("<xf numFmtId=\""u8);
        w.Value(key.NumberFormatId);
        w.Raw("\" fontId=\""u8);
        w.Value((uint)key.Font);
        w.Raw(key.Border ? "\" fillId=\"0\" borderId=\"1\" xfId=\"0\""u8 : "\" fillId=\"0\" borderId=\"0\" xfId=\"0\""u8);
        if (key.NumberFormatId != GeneralFormat)
        {
            w.Raw(" applyNumberFormat=\"1\""u8);
        }

        if (key.Font != XlsxFont.Regular)
        {
            w.Raw(" applyFont=\"1\""u8);
        }

        if (key.Border)
        {
            w.Raw(" applyBorder=\"1\""u8);
        }

        if (key.QuotePrefix)
        {
            w.Raw(" quotePrefix=\"1\""u8);
        }

        if (key == DefaultKey)
        {
            w.Raw("/>"u8);
            return;
        }

        // Every format but the workbook's default is vertically centred.
        w.Raw(" applyAlignment=\"1\"><alignment"u8);
        w.Raw(key.Horizontal switch
        {
            ExcelAlignment.Left => " horizontal=\"left\""u8,
            ExcelAlignment.Center => " horizontal=\"center\""u8,
            ExcelAlignment.Right => " horizontal=\"right\""u8,
            _ => ""u8,
        });
        w.Raw(" vertical=\"center\""u8);
        if (key.Wrap)
        {
            w.Raw(" wrapText=\"1\""u8);
        }

        w.Raw("/></xf>"u8);
    }
}
