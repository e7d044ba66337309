using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Drawing = DocumentFormat.OpenXml.Wordprocessing.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace DistrictTraining.Core.Documents;

/// <summary>
/// A Word document (.docx, WordprocessingML) in the layout of Party documents (Hướng dẫn 36-HD/VPTW): A4, margins
/// 20 mm top and bottom, 30 mm left, 20 mm right; Times New Roman 14 pt (13 pt in tables); the issuing body at the
/// top left with the number and symbol under it, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date at the top right;
/// the kind of document and its summary centred in bold; the signature block at the bottom right and the
/// recipients at the bottom left. Plain paragraphs and tables only, so the clerk edits it freely in Word.
/// </summary>
public sealed class PartyDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int BodySize = 28;   // half-points: 14 pt
    private const int TableSize = 26;  // 13 pt
    private const int SmallSize = 24;  // 12 pt
    private const int TextWidth = 9071; // twips between the margins of A4 (11906 − 1701 − 1134)

    private readonly Body _body = new();
    private readonly List<(string Id, byte[] Png)> _images = [];

    /// <summary>The heading block: issuing body and number on the left, the Party's name and the place and date on the right.</summary>
    public PartyDocument Heading(IReadOnlyList<string> issuingBody, string numberAndSymbol, string placeAndDate)
    {
        var left = new List<Paragraph>();
        for (var i = 0; i < issuingBody.Count; i++)
        {
            left.Add(Line(issuingBody[i], JustificationValues.Center, bold: i == issuingBody.Count - 1, size: BodySize));
        }

        left.Add(Line("*", JustificationValues.Center, size: BodySize));
        left.Add(Line(numberAndSymbol, JustificationValues.Center, size: BodySize));
        var right = new List<Paragraph>
        {
            Line("ĐẢNG CỘNG SẢN VIỆT NAM", JustificationValues.Center, bold: true, underline: true, size: 30),
            Line(string.Empty, JustificationValues.Center, size: BodySize),
            Line(placeAndDate, JustificationValues.Center, italic: true, size: BodySize),
        };
        _body.Append(Grid([3900, 5171], borders: false, [left, right]));
        _body.Append(Line(string.Empty, JustificationValues.Left, size: BodySize));
        return this;
    }

    /// <summary>The kind of document ("QUYẾT ĐỊNH") and its summary, centred and bold.</summary>
    public PartyDocument Title(string kind, params string[] summary)
    {
        _body.Append(Line(kind, JustificationValues.Center, bold: true, size: 30, spaceBefore: 240));
        foreach (var line in summary)
        {
            _body.Append(Line(line, JustificationValues.Center, bold: true, size: BodySize));
        }

        _body.Append(Line("-----", JustificationValues.Center, size: BodySize, spaceAfter: 120));
        return this;
    }

    /// <summary>A body paragraph, justified with its first line indented.</summary>
    public PartyDocument Text(string text, bool bold = false, bool italic = false)
    {
        _body.Append(Line(text, JustificationValues.Both, bold: bold, italic: italic, size: BodySize, firstLineIndent: 567, spaceAfter: 60));
        return this;
    }

    /// <summary>A centred line ("QUYẾT ĐỊNH:" between the grounds and the articles, an annex's title).</summary>
    public PartyDocument Centred(string text, bool bold = true, bool italic = false)
    {
        _body.Append(Line(text, JustificationValues.Center, bold: bold, italic: italic, size: BodySize, spaceBefore: 120, spaceAfter: 120));
        return this;
    }

    /// <summary>Recipients at the left, the signing position and name at the right.</summary>
    public PartyDocument Signature(IReadOnlyList<string> recipients, IReadOnlyList<string> position, string? signer)
    {
        var left = new List<Paragraph> { Line("Nơi nhận:", JustificationValues.Left, bold: true, underline: true, size: SmallSize) };
        left.AddRange(recipients.Select(r => Line("- " + r, JustificationValues.Left, size: SmallSize)));
        var right = position.Select(p => Line(p, JustificationValues.Center, bold: true, size: BodySize)).ToList();
        right.Add(Line(string.Empty, JustificationValues.Center, size: BodySize));
        right.Add(Line(string.Empty, JustificationValues.Center, size: BodySize));
        right.Add(Line(string.Empty, JustificationValues.Center, size: BodySize));
        right.Add(Line(signer ?? string.Empty, JustificationValues.Center, bold: true, size: BodySize));
        _body.Append(Line(string.Empty, JustificationValues.Left, size: BodySize));
        _body.Append(Grid([4200, 4871], borders: false, [left, right]));
        return this;
    }

    /// <summary>A table with a bold header row repeated on every page; <paramref name="widths"/> in twips.</summary>
    public PartyDocument Table(IReadOnlyList<string> headers, IReadOnlyList<int> widths, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<bool>? centred = null)
    {
        var table = Grid(widths, borders: true, []);
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < headers.Count; i++)
        {
            header.Append(Cell(widths[i], Line(headers[i], JustificationValues.Center, bold: true, size: TableSize)));
        }

        table.Append(header);
        foreach (var row in rows)
        {
            var line = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < widths.Count; i++)
            {
                var align = centred is not null && centred[i] ? JustificationValues.Center : JustificationValues.Left;
                line.Append(Cell(widths[i], Line(i < row.Count ? row[i] ?? string.Empty : string.Empty, align, size: TableSize)));
            }

            table.Append(line);
        }

        _body.Append(table);
        return this;
    }

    /// <summary>A PNG picture (a QR code) <paramref name="millimetres"/> wide and high, at the right, with a caption under it.</summary>
    public PartyDocument Picture(byte[] png, int millimetres, string caption)
    {
        var id = "rIdImage" + (_images.Count + 1).ToString(CultureInfo.InvariantCulture);
        _images.Add((id, png));
        long size = millimetres * 36_000L; // EMU per millimetre
        var number = (uint)_images.Count;
        var inline = new DW.Inline(
            new DW.Extent { Cx = size, Cy = size },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = number, Name = "Hình " + number.ToString(CultureInfo.InvariantCulture), Description = caption },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = id + ".png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = size, Cy = size }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        _body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new Drawing(inline))));
        _body.Append(Line(caption, JustificationValues.Right, italic: true, size: SmallSize));
        return this;
    }

    public PartyDocument PageBreak()
    {
        _body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>The finished package.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            foreach (var (id, png) in _images)
            {
                using var image = new MemoryStream(png);
                main.AddImagePart(ImagePartType.Png, id).FeedData(image);
            }

            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
            var body = (Body)_body.CloneNode(true);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Line(string text, JustificationValues align, bool bold = false, bool italic = false, bool underline = false, int size = BodySize,
        int firstLineIndent = 0, int spaceBefore = 0, int spaceAfter = 0)
    {
        var paragraphProperties = new ParagraphProperties();
        if (spaceBefore > 0 || spaceAfter > 0)
        {
            paragraphProperties.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture), After = spaceAfter.ToString(CultureInfo.InvariantCulture) });
        }

        if (firstLineIndent > 0)
        {
            paragraphProperties.Append(new Indentation { FirstLine = firstLineIndent.ToString(CultureInfo.InvariantCulture) });
        }

        paragraphProperties.Append(new Justification { Val = align });
        var runProperties = new RunProperties();
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        runProperties.Append(new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (underline)
        {
            runProperties.Append(new Underline { Val = UnderlineValues.Single });
        }

        return new Paragraph(paragraphProperties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableCell Cell(int width, params Paragraph[] paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
        cell.Append(paragraphs.Length == 0 ? [new Paragraph()] : paragraphs);
        return cell;
    }

    /// <summary>A table of fixed column widths; with <paramref name="cells"/>, one row whose cells hold those paragraphs.</summary>
    private static Table Grid(IReadOnlyList<int> widths, bool borders, IReadOnlyList<List<Paragraph>> cells)
    {
        var properties = new TableProperties(new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (borders)
        {
            BorderType Edge<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "000000" };
            properties.Append(new TableBorders(Edge<TopBorder>(), Edge<LeftBorder>(), Edge<BottomBorder>(), Edge<RightBorder>(), Edge<InsideHorizontalBorder>(), Edge<InsideVerticalBorder>()));
        }

        properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });
        var table = new Table(properties, new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        if (cells.Count > 0)
        {
            table.Append(new TableRow(cells.Select((paragraphs, i) => Cell(widths[i], [.. paragraphs]))));
        }

        return table;
    }

    /// <summary>"Cát Hanh, ngày 05 tháng 03 năm 2026" (the date written out as Party documents do); blanks when unknown.</summary>
    public static string PlaceAndDate(string? place, DateOnly? date) =>
        (string.IsNullOrWhiteSpace(place) ? "……………" : place.Trim()) + ", "
        + (date is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"ngày {d.Day:00} tháng {d.Month:00} năm {d.Year}")
            : "ngày … tháng … năm ……");

    /// <summary>Page width available to tables, for callers that size their columns.</summary>
    public static int Width => TextWidth;
}
