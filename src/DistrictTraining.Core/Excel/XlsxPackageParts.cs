using System.IO.Compression;

namespace DistrictTraining.Core.Excel;

/// <summary>
/// The Open Packaging plumbing of a one-sheet workbook: content types, relationships and core
/// properties. These are fixed, tiny XML files, written with <see cref="XlsxXmlWriter"/>.
/// </summary>
internal static class XlsxPackageParts
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";
    public const string SheetPath = "xl/worksheets/sheet1.xml";

    /// <summary>Writes everything but the workbook, styles and sheet parts.</summary>
    public static void Write(ZipArchive zip, string title, CompressionLevel level)
    {
        WritePart(zip, "[Content_Types].xml", level, w =>
        {
            w.Raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"u8);
            w.Raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"u8);
            w.Raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>"u8);
            w.Raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"u8);
            w.Raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"u8);
            w.Raw("<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"u8);
            w.Raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"u8);
            w.Raw("</Types>"u8);
        });

        WritePart(zip, "_rels/.rels", level, w =>
        {
            w.Raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"u8);
            w.Raw("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"u8);
            w.Raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"u8);
            w.Raw("</Relationships>"u8);
        });

        WritePart(zip, "docProps/core.xml", level, w =>
        {
            w.Raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "u8);
            w.Raw("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "u8);
            w.Raw("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>"u8);
            w.Text(XlsxText.Clean(title));
            w.Raw("</dc:title><dcterms:created xsi:type=\"dcterms:W3CDTF\">"u8);
            w.Value(DateTime.UtcNow, "yyyy-MM-dd'T'HH:mm:ss'Z'");
            w.Raw("</dcterms:created></cp:coreProperties>"u8);
        });

        WritePart(zip, "xl/_rels/workbook.xml.rels", level, w =>
        {
            w.Raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"u8);
            w.Raw("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"u8);
            w.Raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"u8);
            w.Raw("</Relationships>"u8);
        });
    }

    /// <summary>Writes one small part whole: an entry of <paramref name="zip"/>, finished before the next starts.</summary>
    public static void WritePart(ZipArchive zip, string path, CompressionLevel level, Action<XlsxXmlWriter> body)
    {
        using var stream = zip.CreateEntry(path, level).Open();
        using var writer = new XlsxXmlWriter(stream);
        body(writer);
        writer.Flush();
    }
}
