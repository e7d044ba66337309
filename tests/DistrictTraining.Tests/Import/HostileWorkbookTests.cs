using System.IO.Compression;
using System.Text;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Import;

/// <summary>
/// Hostile workbooks against every import (roster, scores, units) through the one guarded reader: each is
/// refused in Vietnamese, none crashes the process or leaves anything written or kept.
/// </summary>
public class HostileWorkbookTests
{
    /// <summary>A 3 KB sheet of 200,000 nested elements: a recursive reader overflows the stack and kills the process.</summary>
    private static byte[] DeeplyNested()
    {
        var depth = 200_000;
        var xml = new StringBuilder(RawPackage.SheetOpen.Length + (depth * 7));
        xml.Append(RawPackage.SheetOpen).Append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
        xml.Insert(xml.Length, "<x>", depth).Insert(xml.Length, "</x>", depth);
        xml.Append("</is></c></row>").Append(RawPackage.SheetClose);
        return RawPackage.Workbook1(xml.ToString());
    }

    /// <summary>A sheet that inflates past the byte budget (a zip bomb whose entry claims an honest size).</summary>
    private static byte[] Bomb()
    {
        var cell = "<row><c t=\"inlineStr\"><is><t>" + new string('A', 1000) + "</t></is></c></row>";
        var xml = new StringBuilder(RawPackage.SheetOpen);
        for (var i = 0; i < 250_000; i++)
        {
            xml.Append(cell);
        }

        return RawPackage.Workbook1(xml.Append(RawPackage.SheetClose).ToString());
    }

    /// <summary>A document type declaration with entity expansion ("billion laughs").</summary>
    private static byte[] EntityExpansion() => RawPackage.Workbook1(
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>"""
        + """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>""");

    private static byte[] Truncated() => DeeplyNested()[..1500];

    /// <summary>A sheet that claims the whole grid and puts a cell in its last corner.</summary>
    private static byte[] HugeDimensions() => RawPackage.Workbook1(
        """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>"""
        + """<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>""" + RawPackage.SheetClose);

    /// <summary>Cells whose declared type contradicts their value (a number that is text, an unknown type, a bad shared-string index).</summary>
    private static byte[] WrongTypes() => RawPackage.Workbook1(
        RawPackage.SheetOpen + """<row r="1"><c r="A1" t="n"><v>Họ và tên</v></c><c r="B1" t="zz"><v>1</v></c><c r="C1" t="s"><v>99999</v></c></row>""" + RawPackage.SheetClose);

    /// <summary>Raw control characters in the XML (not allowed in XML 1.0).</summary>
    private static byte[] ControlCharacters() => RawPackage.Workbook1(
        RawPackage.SheetOpen + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nguy\u0001ễn\u0008 Văn A</t></is></c></row>" + RawPackage.SheetClose);

    /// <summary>A Word document and a PDF renamed to .xlsx.</summary>
    private static byte[] RenamedWord()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
        }

        return stream.ToArray();
    }

    /// <summary>Random bytes behind the signature of an old .xls.</summary>
    private static byte[] GarbageXls()
    {
        var bytes = new byte[8192];
        new Random(11).NextBytes(bytes);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] ValidXls() => XlsBuilder.FromGrid(["Họ và tên", "Năm sinh"], ["Nguyễn Văn An", 1990]);

    /// <summary>A container header that declares two billion sectors of allocation table.</summary>
    private static byte[] XlsHugeFat()
    {
        var bytes = ValidXls();
        BitConverter.GetBytes(0x7FFFFFFFu).CopyTo(bytes, 0x2C);
        return bytes;
    }

    /// <summary>The workbook stream declares 4 GB.</summary>
    private static byte[] XlsHugeStream()
    {
        var bytes = ValidXls();
        BitConverter.GetBytes(0xFFFFFFF0u).CopyTo(bytes, XlsBuilder.WorkbookEntryOffset(bytes) + 0x78);
        return bytes;
    }

    /// <summary>The workbook stream's sector chain loops back on itself.</summary>
    private static byte[] XlsLoopingChain()
    {
        var bytes = ValidXls();
        var first = BitConverter.ToUInt32(bytes, XlsBuilder.WorkbookEntryOffset(bytes) + 0x74);
        BitConverter.GetBytes(first).CopyTo(bytes, 512 + (int)((first + 1) * 4)); // sector first+1 points back to first
        return bytes;
    }

    /// <summary>A sheet whose dimensions claim the whole BIFF8 grid, with a record length running past the stream.</summary>
    private static byte[] XlsHugeDimensions()
    {
        var builder = new XlsBuilder();
        var sheet = builder.Sheet();
        sheet.Row(1, "Họ và tên", "Năm sinh").Row(2, "Nguyễn Văn An", 1990);
        sheet.DeclaredDimensions = (65536, 256);
        var stream = builder.WorkbookStream();
        var eof = Array.FindLastIndex(stream, i => i == 0x0A) - 0; // the sheet's EOF record type, patched into a huge LABEL
        stream[eof] = 0x04;
        stream[eof + 1] = 0x02;
        stream[eof + 2] = 0xFF;
        stream[eof + 3] = 0xFF;
        return XlsBuilder.CompoundFile(stream);
    }

    public static TheoryData<string> Files() =>
        ["nested", "bomb", "entities", "truncated", "huge-dimensions", "wrong-types", "control-characters", "renamed-word", "renamed-pdf",
         "garbage-xls", "xls-huge-fat", "xls-huge-stream", "xls-looping-chain", "xls-huge-dimensions"];

    private static byte[] File(string name) => name switch
    {
        "nested" => DeeplyNested(),
        "bomb" => Bomb(),
        "entities" => EntityExpansion(),
        "huge-dimensions" => HugeDimensions(),
        "wrong-types" => WrongTypes(),
        "control-characters" => ControlCharacters(),
        "renamed-word" => RenamedWord(),
        "renamed-pdf" => "%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n"u8.ToArray(),
        "garbage-xls" => GarbageXls(),
        "xls-huge-fat" => XlsHugeFat(),
        "xls-huge-stream" => XlsHugeStream(),
        "xls-looping-chain" => XlsLoopingChain(),
        "xls-huge-dimensions" => XlsHugeDimensions(),
        _ => Truncated(),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_import_refuses_a_hostile_workbook_in_Vietnamese_and_keeps_nothing(string name)
    {
        var bytes = File(name);
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 1, status: ClassStatus.Open);
        var scope = new FixedUserScope(c.CentreId, IsAdministrator: true, UserId: "quantri");

        var roster = await Assert.ThrowsAsync<DomainException>(() =>
            new RosterImportService(db, scope, TimeProvider.System).PreviewAsync(c.ClassId, new MemoryStream(bytes), bytes.Length, name + (name.Contains("xls-", StringComparison.Ordinal) ? ".xls" : ".xlsx")));
        var scores = await Assert.ThrowsAsync<DomainException>(() =>
            new ScoreImportService(db, scope, new ResultsService(db, scope), TimeProvider.System).PreviewAsync(c.ClassId, new MemoryStream(bytes), bytes.Length, name + ".xlsx"));
        var units = await Assert.ThrowsAsync<DomainException>(() =>
            new UnitImportService(db, scope, TimeProvider.System).UploadAsync(new MemoryStream(bytes), name + ".xlsx"));

        foreach (var refusal in new[] { roster, scores, units })
        {
            Assert.Matches("[Tt]ệp|[Bb]ảng tính", refusal.Message);
            Assert.DoesNotContain("Exception", refusal.Message);
        }

        Assert.False(await db.PendingUploads.AnyAsync());
        Assert.Equal(2, await db.Trainees.CountAsync());
        Assert.Equal(0, await db.AssessmentResults.CountAsync());
    }
}
