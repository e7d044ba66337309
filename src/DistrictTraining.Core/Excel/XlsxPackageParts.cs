using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace DistrictTraining.Core.Excel;

/// <summary>
/// The Open Packaging plumbing of a one-sheet workbook: content types, relationships and core
/// properties. These are fixed, tiny XML files with no SpreadsheetML classes in the SDK, so they are
/// written with a plain <see cref="XmlWriter"/>.
/// </summary>
internal static class XlsxPackageParts
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";
    public const string SheetPath = "xl/worksheets/sheet1.xml";
    public const string SheetRelationshipId = "rId1";
    public const string StylesRelationshipId = "rId2";
    public const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    /// <summary>Writes everything but the workbook, styles and sheet parts.</summary>
    public static void Write(ZipArchive zip, string title)
    {
        WriteXml(zip, "[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", ContentTypesNamespace);
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/" + WorkbookPath, SpreadsheetMl + "sheet.main+xml");
            Override(w, "/" + StylesPath, SpreadsheetMl + "styles+xml");
            Override(w, "/" + SheetPath, SpreadsheetMl + "worksheet+xml");
            Override(w, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
            w.WriteEndElement();
        });

        WriteXml(zip, "_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationshipsNamespace);
            Relationship(w, "rId1", RelationshipsNamespace + "/officeDocument", WorkbookPath);
            Relationship(w, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml");
            w.WriteEndElement();
        });

        WriteXml(zip, "docProps/core.xml", w =>
        {
            const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
            const string dc = "http://purl.org/dc/elements/1.1/";
            const string dcterms = "http://purl.org/dc/terms/";
            const string xsi = "http://www.w3.org/2001/XMLSchema-instance";
            w.WriteStartElement("cp", "coreProperties", cp);
            w.WriteAttributeString("xmlns", "dc", null, dc);
            w.WriteAttributeString("xmlns", "dcterms", null, dcterms);
            w.WriteAttributeString("xmlns", "xsi", null, xsi);
            w.WriteElementString("dc", "title", dc, XlsxText.Clean(title));
            w.WriteStartElement("dcterms", "created", dcterms);
            w.WriteAttributeString("xsi", "type", xsi, "dcterms:W3CDTF");
            w.WriteString(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteEndElement();
        });

        WriteXml(zip, "xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationshipsNamespace);
            Relationship(w, SheetRelationshipId, RelationshipsNamespace + "/worksheet", "worksheets/sheet1.xml");
            Relationship(w, StylesRelationshipId, RelationshipsNamespace + "/styles", "styles.xml");
            w.WriteEndElement();
        });
    }

    private static void WriteXml(ZipArchive zip, string path, Action<XmlWriter> body)
    {
        using var writer = XmlWriter.Create(zip.CreateEntry(path, XlsxSheetWriter.CompressionLevel).Open(), Settings);
        writer.WriteStartDocument(standalone: true);
        body(writer);
        writer.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string extension, string contentType)
    {
        w.WriteStartElement("Default", ContentTypesNamespace);
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string partName, string contentType)
    {
        w.WriteStartElement("Override", ContentTypesNamespace);
        w.WriteAttributeString("PartName", partName);
        w.WriteAttributeString("ContentType", contentType);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelationshipsNamespace);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
