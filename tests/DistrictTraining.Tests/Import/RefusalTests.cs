using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DistrictTraining.Tests.Import;

public class RefusalTests
{
    private static byte[] SmallRoster() => XlsxBuilder.FromGrid(
        ["STT", "Họ và tên", "Ngày sinh"],
        [1, "Nguyễn Văn An", "01/02/1990"],
        [2, "Trần Thị Bình", "03/04/1991"]);

    private static RosterReadResult AssertRefused(RosterReadResult result, RosterRefusal refusal)
    {
        Assert.True(result.IsRefused);
        Assert.Equal(refusal, result.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(result.RefusalMessage));
        Assert.Empty(result.Rows);
        return result;
    }

    [Fact]
    public void Text_file_renamed_to_xlsx_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("STT,Họ và tên,Ngày sinh\n1,Nguyễn Văn An,01/01/1990\n");

        var result = AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.NotXlsx);

        Assert.Contains(".xlsx", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_document_is_refused_as_word()
    {
        using var memory = new MemoryStream();
        using (var word = WordprocessingDocument.Create(memory, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("Họ và tên: Nguyễn Văn An")))));
        }

        var result = AssertRefused(RosterTestSupport.Read(memory.ToArray()), RosterRefusal.NotXlsx);

        Assert.Contains("Word", result.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains(".xlsx", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Zeros_behind_an_xls_signature_are_refused_as_a_damaged_old_workbook()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);

        var result = AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.Corrupt);

        Assert.Contains("Tệp Excel cũ (.xls) bị hỏng", result.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains("Lưu thành", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        AssertRefused(RosterTestSupport.Read([]), RosterRefusal.NotXlsx);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Truncated_workbook_is_refused(double keep)
    {
        var bytes = SmallRoster();

        AssertRefused(RosterTestSupport.Read(bytes[..(int)(bytes.Length * keep)]), RosterRefusal.Corrupt);
    }

    [Fact]
    public void Zip_without_a_workbook_is_refused()
    {
        var bytes = RawPackage.Zip([("readme.txt", Encoding.UTF8.GetBytes("xin chào"), CompressionLevel.Optimal)]);

        AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.NotXlsx);
    }

    [Fact]
    public void Workbook_with_a_malformed_sheet_is_refused_not_thrown()
    {
        AssertRefused(RosterTestSupport.Read(RawPackage.Workbook1("<worksheet><sheetData><row><c>không phải XML")), RosterRefusal.Corrupt);
    }

    [Fact]
    public void Sheet_with_a_dtd_entity_expansion_is_refused()
    {
        var sheet = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>"""
            + """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>""";

        // DTDs are prohibited: the sheet is refused as damaged rather than expanded (expanded, it would be "no header").
        AssertRefused(RosterTestSupport.Read(RawPackage.Workbook1(sheet)), RosterRefusal.Corrupt);
    }

    [Fact]
    public void Declared_length_over_10_mb_is_refused_before_reading()
    {
        using var stream = new ThrowingStream();

        var result = AssertRefused(RosterWorkbookReader.Read(stream, TimeProvider.System.VietnamToday(), 11L * 1024 * 1024), RosterRefusal.TooLarge);

        Assert.Contains("10 MB", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Seekable_stream_over_10_mb_is_refused()
    {
        var bytes = new byte[(10 * 1024 * 1024) + 1];
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        using var stream = new MemoryStream(bytes);

        AssertRefused(RosterWorkbookReader.Read(stream, TimeProvider.System.VietnamToday()), RosterRefusal.TooLarge);
    }

    [Fact]
    public void Stream_over_10_mb_is_refused_while_reading_even_when_its_length_is_unknown_or_understated()
    {
        var bytes = new byte[(10 * 1024 * 1024) + 100];
        using var stream = new NonSeekableStream(bytes);

        AssertRefused(RosterWorkbookReader.Read(stream, TimeProvider.System.VietnamToday(), declaredLength: 1000), RosterRefusal.TooLarge);
        Assert.True(stream.BytesRead <= (10 * 1024 * 1024) + 81920, "reading stops soon after the limit");
    }

    [Fact]
    public void File_size_limit_is_configurable()
    {
        var bytes = SmallRoster();

        AssertRefused(RosterTestSupport.Read(bytes, new RosterReadLimits { MaxFileBytes = bytes.Length - 1 }), RosterRefusal.TooLarge);
        Assert.False(RosterTestSupport.Read(bytes, new RosterReadLimits { MaxFileBytes = bytes.Length }).IsRefused);
    }

    [Fact]
    public void Sheet_over_10000_trainee_rows_is_refused()
    {
        var builder = new XlsxBuilder();
        var sheet = builder.Sheet("Đông");
        sheet.Row(1, "Họ và tên", "Năm sinh");
        for (var i = 0; i < 10_001; i++)
        {
            sheet.Row(i + 2, X.Inline($"Học Viên Số{(char)('a' + (i % 26))}"), 1950 + (i % 50));
        }

        var result = AssertRefused(RosterTestSupport.Read(builder.Build()), RosterRefusal.TooManyRows);

        Assert.Contains("10.000", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_limit_boundary()
    {
        static byte[] Rows(int count)
        {
            var builder = new XlsxBuilder();
            var sheet = builder.Sheet("DS").Row(1, "Họ và tên", "Năm sinh");
            for (var i = 0; i < count; i++)
            {
                sheet.Row(i + 2, "Lê Văn An", 1950 + i);
            }

            return builder.Build();
        }

        var limits = new RosterReadLimits { MaxRows = 100 };
        Assert.Equal(100, RosterTestSupport.ReadOk(Rows(100), limits).Rows.Count);
        AssertRefused(RosterTestSupport.Read(Rows(101), limits), RosterRefusal.TooManyRows);
    }

    [Fact]
    public void Zip_bomb_by_compression_ratio_is_refused()
    {
        var padding = new byte[20 * 1024 * 1024]; // 20 MB of zeros compress about a thousandfold
        var bytes = RawPackage.Workbook1(
            RawPackage.SheetOpen + "<row r=\"1\">" + RawPackage.Is("A1", "Họ và tên") + RawPackage.Is("B1", "Ngày sinh") + "</row>" + RawPackage.SheetClose,
            extra: [("xl/media/image1.bin", padding, CompressionLevel.Optimal)]);
        Assert.True(bytes.Length < 1024 * 1024);

        AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.SuspiciousCompression);
    }

    [Fact]
    public void Zip_whose_directory_declares_an_absurd_size_is_refused()
    {
        var bytes = SetDeclaredSize(SmallRoster(), "xl/worksheets/sheet1.xml", int.MaxValue, patchLocalHeader: false);

        AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.SuspiciousCompression);
    }

    [Fact]
    public void Total_uncompressed_size_over_the_limit_is_refused()
    {
        var random = new Random(7);
        var noise = new byte[300 * 1024];
        random.NextBytes(noise); // incompressible: the ratio is fine, the total is not
        var bytes = RawPackage.Workbook1(
            RawPackage.SheetOpen + "<row r=\"1\">" + RawPackage.Is("A1", "Họ và tên") + RawPackage.Is("B1", "Ngày sinh") + "</row>" + RawPackage.SheetClose,
            extra: [("xl/media/image1.png", noise, CompressionLevel.NoCompression)]);

        AssertRefused(RosterTestSupport.Read(bytes, new RosterReadLimits { MaxUncompressedBytes = 256 * 1024 }), RosterRefusal.SuspiciousCompression);
        Assert.NotEqual(RosterRefusal.SuspiciousCompression, RosterTestSupport.Read(bytes).Refusal);
    }

    [Fact]
    public void Zip_that_understates_its_sizes_is_refused_when_inflating()
    {
        // The sheet inflates to ~900 KB but the zip says 2 KB. Either inflating stops at the declared size (and the
        // sheet is cut short) or the reader counts more bytes than declared: refused both ways, never read whole.
        var sheet = RawPackage.SheetOpen.Replace("<sheetData>", "<!--" + new string('a', 900 * 1024) + "--><sheetData>", StringComparison.Ordinal)
            + "<row r=\"1\">" + RawPackage.Is("A1", "Họ và tên") + RawPackage.Is("B1", "Ngày sinh") + "</row>"
            + "<row r=\"2\">" + RawPackage.Is("A2", "Lê Văn An") + RawPackage.Is("B2", "01/01/1990") + "</row>"
            + RawPackage.SheetClose;
        Assert.False(RosterTestSupport.Read(RawPackage.Workbook1(sheet)).IsRefused); // honest sizes: read fine
        var bytes = SetDeclaredSize(RawPackage.Workbook1(sheet), "xl/worksheets/sheet1.xml", 2048, patchLocalHeader: true);

        var result = RosterTestSupport.Read(bytes);

        Assert.True(result.IsRefused);
        Assert.Contains(result.Refusal, new RosterRefusal?[] { RosterRefusal.SuspiciousCompression, RosterRefusal.Corrupt });
    }

    [Fact]
    public void Too_many_zip_entries_is_refused()
    {
        var extra = Enumerable.Range(0, 20).Select(i => ($"xl/media/image{i}.png", new byte[] { 1, 2, 3 }, CompressionLevel.Optimal));
        var bytes = RawPackage.Workbook1(RawPackage.SheetOpen + RawPackage.SheetClose, extra: extra);

        AssertRefused(RosterTestSupport.Read(bytes, new RosterReadLimits { MaxZipEntries = 10 }), RosterRefusal.SuspiciousCompression);
    }

    [Fact]
    public void Workbook_without_a_roster_header_is_refused()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["BÁO CÁO KẾT QUẢ"],
            ["Nội dung", "Số lượng"],
            ["Lớp học", 12]);

        var result = AssertRefused(RosterTestSupport.Read(bytes), RosterRefusal.NoHeader);

        Assert.StartsWith("Không tìm thấy dòng tiêu đề có cột Họ và tên", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_sheet_is_refused()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("Sheet1");

        var result = AssertRefused(RosterTestSupport.Read(builder.Build()), RosterRefusal.EmptySheet);

        Assert.Equal("Bảng tính trống: tệp không có dữ liệu nào.", result.RefusalMessage);
    }

    [Fact]
    public void Workbook_without_sheets_is_refused_as_empty()
    {
        AssertRefused(RosterTestSupport.Read(new XlsxBuilder().Build()), RosterRefusal.EmptySheet);
    }

    [Fact]
    public void Header_without_rows_is_refused()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS").Row(3, "STT", "Họ và tên", "Ngày sinh").Row(5, null, "Người lập biểu");

        var result = AssertRefused(RosterTestSupport.Read(builder.Build()), RosterRefusal.NoDataRows);

        Assert.Equal(3, result.HeaderRowNumber);
        Assert.Contains("dòng 3", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_bytes_never_throw()
    {
        var original = File.ReadAllBytes(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var random = new Random(20240310);
        var outcomes = new HashSet<RosterRefusal?>();
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var j = 0; j < 1 + (i % 4); j++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = RosterTestSupport.Read(bytes); // must return, whatever the damage
            Assert.Equal(result.IsRefused, result.RefusalMessage is not null);
            Assert.DoesNotContain("lỗi khi xử lý", result.RefusalMessage ?? string.Empty, StringComparison.Ordinal); // a known kind of damage, not a crash
            outcomes.Add(result.Refusal);
        }

        Assert.Contains(RosterRefusal.Corrupt, outcomes);
    }

    [Fact]
    public void Damaged_sheet_xml_never_throws()
    {
        // Damage the XML itself (inside a valid zip), so the parser — not the zip CRC — meets it.
        var original = File.ReadAllBytes(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var parts = new List<(string Name, byte[] Data)>();
        using (var zip = new ZipArchive(new MemoryStream(original)))
        {
            foreach (var entry in zip.Entries)
            {
                using var data = entry.Open();
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                parts.Add((entry.FullName, copy.ToArray()));
            }
        }

        var sheetIndex = parts.FindIndex(p => p.Name == "xl/worksheets/sheet1.xml");
        var sheet = Encoding.UTF8.GetString(parts[sheetIndex].Data);
        const string Alphabet = "<>/=\"' 0123456789ABCrstvx:&;-.";
        var random = new Random(1975);
        var outcomes = new HashSet<RosterRefusal?>();
        for (var i = 0; i < 200; i++)
        {
            var chars = sheet.ToCharArray();
            for (var j = 0; j < 1 + (i % 5); j++)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            var damaged = parts.Select((p, k) => (p.Name, k == sheetIndex ? Encoding.UTF8.GetBytes(new string(chars)) : p.Data, CompressionLevel.Fastest));
            var result = RosterTestSupport.Read(RawPackage.Zip(damaged));
            Assert.DoesNotContain("lỗi khi xử lý", result.RefusalMessage ?? string.Empty, StringComparison.Ordinal);
            outcomes.Add(result.Refusal);
        }

        Assert.Contains(null, outcomes); // some damage still reads
        Assert.Contains(RosterRefusal.Corrupt, outcomes);
    }

    [Fact]
    public void Null_stream_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => RosterWorkbookReader.Read(null!, TimeProvider.System.VietnamToday()));
    }

    /// <summary>Rewrites the uncompressed size an entry declares (central directory, optionally the local header too).</summary>
    private static byte[] SetDeclaredSize(byte[] zip, string entryName, int size, bool patchLocalHeader)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) != 0x02014b50)
            {
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 28));
            if (!bytes.AsSpan(i + 46, nameLength).SequenceEqual(name))
            {
                continue;
            }

            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i + 24), size);
            if (patchLocalHeader)
            {
                var local = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i + 42));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(local + 22), size);
            }

            return bytes;
        }

        throw new InvalidOperationException($"{entryName} not in the zip");
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("must not be read");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
