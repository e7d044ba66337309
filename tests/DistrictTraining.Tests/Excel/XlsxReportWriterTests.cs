using System.IO.Compression;
using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DistrictTraining.Tests.Excel;

public class XlsxReportWriterTests
{
    private static readonly ExcelReport Register = new()
    {
        SheetName = "Sổ gốc",
        IssuingBody = ["ĐẢNG BỘ XÃ CÁT HANH", "TRUNG TÂM CHÍNH TRỊ"],
        RightHeading = [ExcelReport.PartyHeading],
        PlaceAndDate = "Cát Hanh, ngày 15 tháng 12 năm 2025",
        Title = "SỔ GỐC CẤP GIẤY CHỨNG NHẬN",
        Period = "Năm 2025",
        Columns =
        [
            new ExcelColumn("STT", 6, ExcelCellKind.Integer) { Alignment = ExcelAlignment.Center },
            new ExcelColumn("Số hiệu", 12),
            new ExcelColumn("Họ và tên", 28),
            new ExcelColumn("Ngày sinh", 12, ExcelCellKind.Date),
            new ExcelColumn("Điểm", 8, ExcelCellKind.Decimal),
            new ExcelColumn("Tỷ lệ", 9, ExcelCellKind.Percent),
            new ExcelColumn("Ngày cấp", 12, ExcelCellKind.Date),
            new ExcelColumn("Ghi chú"),
        ],
    };

    private static object?[][] RegisterRows() =>
    [
        [1, "0001/2025", "Nguyễn Văn An", new DateOnly(1990, 5, 17), 8.5m, 0.558, new DateTime(2025, 3, 14), null],
        [2, "0002/2025", "Trần Thị Bình", PartialDate.OfYear(1975), 7.25, 1m, new DateOnly(2025, 3, 14), "Cấp lại"],
        [3, "0003/2025", "Lê Đặng Cường", PartialDate.Full(new DateOnly(2001, 12, 31)), 9, 0.846m, null, ""],
    ];

    private static async Task<byte[]> WriteAsync(ExcelReport report, IEnumerable<object?[]> rows, object?[]? totals = null)
    {
        using var output = new MemoryStream();
        await XlsxReportWriter.WriteAsync(output, report, rows, totals);
        return output.ToArray();
    }

    [Fact]
    public async Task Title_block_is_laid_out_in_the_administrative_style()
    {
        var bytes = await WriteAsync(Register, RegisterRows());
        var sheet = XlsxTestReader.Open(bytes);
        var layout = Register.Layout;

        Assert.Equal(["Sổ gốc"], sheet.SheetNames);
        Assert.Equal(new ExcelReportLayout(HeadingRows: 2, TitleRow: 4, PeriodRow: 5, HeaderRow: 7), layout);

        // Left: the parent body plain, the issuing body bold, both centred over the left half.
        Assert.Equal("ĐẢNG BỘ XÃ CÁT HANH", sheet.Value("A1"));
        Assert.False(sheet["A1"].Bold);
        Assert.Equal("TRUNG TÂM CHÍNH TRỊ", sheet.Value("A2"));
        Assert.True(sheet["A2"].Bold);
        Assert.Equal("center", sheet["A2"].HorizontalAlignment);

        // Right: the Party heading bold, the place and date italic, over the right half.
        Assert.Equal("ĐẢNG CỘNG SẢN VIỆT NAM", sheet.Value("E1"));
        Assert.True(sheet["E1"].Bold);
        Assert.Equal("Cát Hanh, ngày 15 tháng 12 năm 2025", sheet.Value("E2"));
        Assert.True(sheet["E2"].Italic);

        Assert.Equal("SỔ GỐC CẤP GIẤY CHỨNG NHẬN", sheet.Value("A4"));
        Assert.True(sheet["A4"].Bold);
        Assert.Equal("center", sheet["A4"].HorizontalAlignment);
        Assert.Equal("Năm 2025", sheet.Value("A5"));
        Assert.Null(sheet.Find("A3"));
        Assert.Null(sheet.Find("A6"));

        Assert.Equal(["A1:D1", "E1:H1", "A2:D2", "E2:H2", "A4:H4", "A5:H5"], sheet.MergedRanges);
    }

    [Fact]
    public async Task Header_row_is_bold_bordered_wrapped_and_centred()
    {
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows()));

        Assert.Equal(
            ["STT", "Số hiệu", "Họ và tên", "Ngày sinh", "Điểm", "Tỷ lệ", "Ngày cấp", "Ghi chú"],
            sheet.RowValues(7, 8));
        foreach (var reference in new[] { "A7", "C7", "H7" })
        {
            var cell = sheet[reference];
            Assert.True(cell.IsString);
            Assert.True(cell.Bold, reference);
            Assert.True(cell.Bordered, reference);
            Assert.True(cell.WrapText, reference);
            Assert.Equal("center", cell.HorizontalAlignment);
        }

        Assert.NotNull(sheet.Rows.Single(r => r.Number == 7).Height);
    }

    [Fact]
    public async Task Values_keep_their_excel_types_and_formats()
    {
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows()));

        // Integers: numbers with #,##0.
        Assert.Equal(XlsxCellType.Number, sheet["A8"].Type);
        Assert.Equal(1, sheet["A8"].Number);
        Assert.Equal("#,##0", sheet["A8"].NumberFormat);
        Assert.Equal("center", sheet["A8"].HorizontalAlignment);

        // Text is text, bordered.
        Assert.Equal(XlsxCellType.InlineString, sheet["C8"].Type);
        Assert.Equal("Nguyễn Văn An", sheet.Value("C8"));
        Assert.True(sheet["C8"].Bordered);
        Assert.False(sheet["C8"].Bold);

        // Dates: numeric serials with dd/mm/yyyy that convert back to the same date.
        var birth = sheet["D8"];
        Assert.Equal(XlsxCellType.Number, birth.Type);
        Assert.Equal("dd/mm/yyyy", birth.NumberFormat);
        Assert.Equal(new DateTime(1990, 5, 17), birth.DateValue);
        Assert.Equal(33_010, birth.Number); // =DATE(1990,5,17) in Excel
        Assert.Equal(new DateTime(2025, 3, 14), sheet["G8"].DateValue);
        Assert.Equal(new DateTime(2025, 3, 14), sheet["G9"].DateValue);
        Assert.Equal(new DateTime(2001, 12, 31), sheet["D10"].DateValue);

        // A year-only birth date stays readable as text in the date column.
        Assert.Equal(XlsxCellType.InlineString, sheet["D9"].Type);
        Assert.Equal("1975", sheet.Value("D9"));

        // Decimals and percentages are numbers with their formats.
        Assert.Equal(8.5, sheet["E8"].Number);
        Assert.Equal("#,##0.0", sheet["E8"].NumberFormat);
        Assert.Equal(7.25, sheet["E9"].Number);
        Assert.Equal(9, sheet["E10"].Number);
        Assert.Equal(0.558, sheet["F8"].Number);
        Assert.Equal("0.0%", sheet["F8"].NumberFormat);
        Assert.Equal(1, sheet["F9"].Number);

        // Null and empty text: a bordered cell with no value.
        Assert.Equal(XlsxCellType.Empty, sheet["H8"].Type);
        Assert.True(sheet["H8"].Bordered);
        Assert.Equal(XlsxCellType.Empty, sheet["G10"].Type);
        Assert.Equal("dd/mm/yyyy", sheet["G10"].NumberFormat);
        Assert.Equal(XlsxCellType.Empty, sheet["H10"].Type);

        Assert.DoesNotContain(sheet.Cells.Values, c => c.HasFormula);
    }

    [Fact]
    public async Task Totals_row_is_bold_with_its_label_merged_over_the_empty_cells()
    {
        object?[] totals = [null, null, null, null, 8.2m, 0.8m, null, null];
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows(), totals));
        var row = Register.Layout.TotalsRow(3);

        Assert.Equal(11, row);
        Assert.Equal(11, sheet.LastRow);
        Assert.Equal("Tổng cộng", sheet.Value("A11"));
        Assert.True(sheet["A11"].Bold);
        Assert.True(sheet["A11"].Bordered);
        Assert.Contains("A11:D11", sheet.MergedRanges);
        Assert.Equal(8.2, sheet["E11"].Number);
        Assert.True(sheet["E11"].Bold);
        Assert.Equal("#,##0.0", sheet["E11"].NumberFormat);
        Assert.Equal(0.8, sheet["F11"].Number);
        Assert.Equal("0.0%", sheet["F11"].NumberFormat);
        Assert.True(sheet["H11"].Bordered);
    }

    [Fact]
    public async Task Test_reader_gives_the_table_under_the_header()
    {
        object?[] totals = [null, null, null, null, 8.2m, 0.8m, null, null];
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows(), totals));
        var table = sheet.Table(Register.Layout.HeaderRow);

        Assert.Equal(Register.Columns.Select(c => c.Header), table.Headers);
        Assert.Equal(4, table.Rows.Count); // three entries and the totals
        Assert.Equal(["1", "2", "3", "Tổng cộng"], table.Rows.Select(r => r[0]?.Value));
        Assert.Equal(new DateTime(2001, 12, 31), table.Rows[2][3]?.DateValue);
        Assert.Equal(8.2, table.Rows[^1][4]?.Number);
    }

    [Fact]
    public async Task Totals_label_given_by_the_caller_is_kept()
    {
        var report = Small(new ExcelColumn("Đơn vị", 20), new ExcelColumn("Số lớp", 8, ExcelCellKind.Integer));
        var sheet = XlsxTestReader.Open(await WriteAsync(report, [["Xã A", 3], ["Xã B", 4]], ["Cộng", 7]));
        var row = report.Layout.TotalsRow(2).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("Cộng", sheet.Value("A" + row));
        Assert.Equal(7, sheet["B" + row].Number);
        Assert.True(sheet["B" + row].Bold);
        Assert.DoesNotContain(sheet.MergedRanges, m => m.StartsWith("A" + row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_whose_text_wraps_are_made_tall_enough()
    {
        var report = Small(new ExcelColumn("STT", 6, ExcelCellKind.Integer), new ExcelColumn("Lớp", 30));
        const string longClass = "Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới, lớp thứ 12/2024 tại cụm xã Cát Hanh";
        var sheet = XlsxTestReader.Open(await WriteAsync(report, [[1, "Lớp sơ cấp"], [2, longClass], [3, "dòng 1\ndòng 2\ndòng 3"]], ["Tổng", null]));
        var first = report.Layout.FirstDataRow;
        double? Height(int row) => sheet.Rows.Single(r => r.Number == row).Height;

        Assert.Null(Height(first));
        Assert.InRange(Height(first + 1)!.Value, 2 * 15.75, 4 * 15.75);
        Assert.Equal(3 * 15.75, Height(first + 2)!.Value, 1);
        Assert.Contains($"A{first + 3}:B{first + 3}", sheet.MergedRanges);
    }

    [Theory]
    [InlineData("Lớp sơ cấp", 20, 1)]
    [InlineData("", 5, 1)]
    [InlineData("aaaa bbbb cccc", 9, 2)]
    [InlineData("aaaa bbbb cccc", 4, 3)]
    [InlineData("aaaaaaaaaaaa", 4, 3)]
    [InlineData("một\nhai\n\nbốn", 50, 4)]
    public void Wrapped_lines_are_counted_word_by_word(string text, double perLine, int expected) =>
        Assert.Equal(expected, XlsxRowHeight.Lines(text, perLine));

    [Fact]
    public async Task Header_row_is_frozen_and_printed_on_every_page()
    {
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows()));

        Assert.Equal(new XlsxPane(0, 7, "A8", "frozen", "bottomLeft"), sheet.FrozenPane);
        var titles = sheet.DefinedName("_xlnm.Print_Titles");
        Assert.NotNull(titles);
        Assert.Equal(0U, titles.LocalSheetId);
        Assert.Equal("'Sổ gốc'!$7:$7", titles.Value);
    }

    [Fact]
    public async Task Page_is_a4_landscape_fitted_to_width()
    {
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows()));

        Assert.Equal(9U, sheet.PageSetup.PaperSize);
        Assert.Equal("landscape", sheet.PageSetup.Orientation);
        Assert.Equal(1U, sheet.PageSetup.FitToWidth);
        Assert.Equal(0U, sheet.PageSetup.FitToHeight);
        Assert.True(sheet.PageSetup.FitToPage);
        Assert.InRange(sheet.PageSetup.MarginLeft!.Value, 0.3, 1.2);
        Assert.InRange(sheet.PageSetup.MarginTop!.Value, 0.3, 1.2);

        var portrait = XlsxTestReader.Open(await WriteAsync(
            Small(new ExcelColumn("Họ và tên", 30)) with { Orientation = ExcelOrientation.Portrait }, [["A"]]));
        Assert.Equal("portrait", portrait.PageSetup.Orientation);
    }

    [Fact]
    public async Task Printed_report_parts_are_all_in_the_package()
    {
        object?[] totals = [null, null, null, null, 8.2m, 0.8m, null, null];
        var bytes = await WriteAsync(Register, RegisterRows(), totals);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var worksheet = workbook.WorksheetParts.Single().Worksheet;

        // The header row repeats on every printed page.
        var titles = workbook.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal("_xlnm.Print_Titles", titles.Name!.Value);
        Assert.Equal("'Sổ gốc'!$7:$7", titles.Text);

        // A4 landscape, one page wide, centred, with margins, and "Trang 1/3" in the footer.
        var setup = worksheet.GetFirstChild<PageSetup>()!;
        Assert.Equal(9U, setup.PaperSize!.Value);
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(1U, setup.FitToWidth!.Value);
        Assert.Equal(0U, setup.FitToHeight!.Value);
        Assert.True(worksheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value);
        Assert.True(worksheet.GetFirstChild<PrintOptions>()!.HorizontalCentered!.Value);
        var margins = worksheet.GetFirstChild<PageMargins>()!;
        Assert.Equal([0.6, 0.4, 0.6, 0.6, 0.3, 0.3], new[] { margins.Left!.Value, margins.Right!.Value, margins.Top!.Value, margins.Bottom!.Value, margins.Header!.Value, margins.Footer!.Value });
        Assert.Equal("&CTrang &P/&N", worksheet.GetFirstChild<HeaderFooter>()!.OddFooter!.Text);

        // The title block's merged ranges, and the document title in the core properties.
        Assert.Equal(
            ["A1:D1", "E1:H1", "A2:D2", "E2:H2", "A4:H4", "A5:H5", "A11:D11"],
            worksheet.GetFirstChild<MergeCells>()!.Elements<MergeCell>().Select(m => m.Reference!.Value!));
        Assert.Equal(Register.Title, document.PackageProperties.Title);
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public async Task Data_cells_without_references_are_placed_by_position()
    {
        var bytes = await WriteAsync(Register, RegisterRows());
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var first = Register.Layout.FirstDataRow;

        // Every data row has a cell in every column, in order, so the optional r attribute is left out.
        foreach (var row in rows.Where(r => r.RowIndex!.Value >= first))
        {
            Assert.Equal(Register.Columns.Count, row.Elements<Cell>().Count());
            Assert.All(row.Elements<Cell>(), c => Assert.Null(c.CellReference));
        }

        // The title block skips columns, so its cells keep their references.
        Assert.Equal(["A1", "E1"], rows.First().Elements<Cell>().Select(c => c.CellReference!.Value!));
        var sheet = XlsxTestReader.Open(bytes);
        Assert.Equal("Trần Thị Bình", sheet.Value("C" + (first + 1)));
        Assert.Equal(8.5, sheet["E" + first].Number);
    }

    [Theory]
    [InlineData("Nguyễn Văn An", true)]
    [InlineData("Lớp bồi dưỡng lý luận chính trị, khóa 3/2025", true)]
    [InlineData("ĐẢNG CỘNG SẢN VIỆT NAM", true)]
    [InlineData("Nguye\u0302\u0303n", false)] // decomposed: needs NFC
    [InlineData("dòng 1\ndòng 2", false)]
    [InlineData("_x0041_", false)]
    [InlineData("Ω \u2126", false)] // the ohm sign becomes omega under NFC
    [InlineData("emoji 😀", false)]
    public void Clean_takes_its_fast_path_only_for_text_that_needs_nothing(string text, bool fast)
    {
        Assert.Equal(fast, XlsxText.IsCleanAndComposed(text));
        if (fast)
        {
            Assert.Same(text, XlsxText.Clean(text));
        }
    }

    [Fact]
    public void Every_character_the_fast_path_accepts_is_already_composed()
    {
        var accepted = Enumerable.Range(0x20, 0x300 - 0x20).Concat(Enumerable.Range(0x1E00, 0x100)).Select(c => (char)c);
        foreach (var c in accepted)
        {
            // Alone, after a base letter, and after a precomposed letter: NFC leaves each unchanged.
            foreach (var text in new[] { c.ToString(), "a" + c, "ễ" + c + "ư" })
            {
                Assert.True(XlsxText.IsCleanAndComposed(text) == !text.Contains("_x", StringComparison.Ordinal), $"U+{(int)c:X4}");
                Assert.True(text.IsNormalized(NormalizationForm.FormC), $"U+{(int)c:X4} in \"{text}\"");
            }
        }
    }

    [Fact]
    public async Task Column_widths_are_the_callers_or_the_default()
    {
        var sheet = XlsxTestReader.Open(await WriteAsync(Register, RegisterRows()));

        Assert.Equal(
            new Dictionary<int, double> { [1] = 6, [2] = 12, [3] = 28, [4] = 12, [5] = 8, [6] = 9, [7] = 12, [8] = ExcelColumn.DefaultWidth },
            sheet.ColumnWidths);
    }

    [Fact]
    public async Task Formula_looking_text_stays_a_string_cell()
    {
        string[] texts = ["=1+1", "+84912345678", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "\tTab", "\rCR", "001075012345", "12/12"];
        var report = Small(new ExcelColumn("Nội dung", 30));
        var bytes = await WriteAsync(report, texts.Select(t => new object?[] { t }));
        var sheet = XlsxTestReader.Open(bytes);
        var first = report.Layout.FirstDataRow;

        for (var i = 0; i < texts.Length; i++)
        {
            var cell = sheet["A" + (first + i)];
            Assert.Equal(XlsxCellType.InlineString, cell.Type);
            Assert.False(cell.HasFormula, cell.Reference);
            Assert.True(cell.QuotePrefix, cell.Reference);
        }

        Assert.Equal("=1+1", sheet.Value("A" + first));
        Assert.Equal("+84912345678", sheet.Value("A" + (first + 1)));
        Assert.Equal("-5", sheet.Value("A" + (first + 2)));
        Assert.Equal("@SUM(A1)", sheet.Value("A" + (first + 3)));
        Assert.Equal("\tTab", sheet.Value("A" + (first + 5)));
        Assert.Equal("\nCR", sheet.Value("A" + (first + 6))); // CR is stored as Excel's line break
        Assert.Equal("001075012345", sheet.Value("A" + (first + 7)));

        // Ordinary text does not get the quote prefix.
        var plain = XlsxTestReader.Open(await WriteAsync(report, [["Nguyễn Văn An"]]));
        Assert.False(plain["A" + first].QuotePrefix);

        // No formula element anywhere in the sheet XML.
        var xml = SheetXml(bytes);
        Assert.DoesNotContain("<x:f", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        Assert.Contains("=1+1", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_are_dropped_and_the_file_stays_valid()
    {
        var report = Small(new ExcelColumn("Họ và tên", 30), new ExcelColumn("Ghi chú", 30));
        object?[][] rows =
        [
            ["Nguy\u0000ễn\u0001 Văn\u0008 An\u001F", "dòng 1\r\ndòng 2"],
            ["Lone \uD800 surrogate \uFFFE\uFFFF", "emoji 😀 kept"],
            ["_x0041_ literal", "  spaces kept  "],
            ["Nguye\u0302\u0303n", "\u000B\u000C"],
        ];
        var bytes = await WriteAsync(report, rows);
        var sheet = XlsxTestReader.Open(bytes);
        var first = report.Layout.FirstDataRow;

        Assert.Equal("Nguyễn Văn An", sheet.Value("A" + first));
        Assert.Equal("dòng 1\ndòng 2", sheet.Value("B" + first));
        Assert.Equal("Lone  surrogate ", sheet.Value("A" + (first + 1)));
        Assert.Equal("emoji 😀 kept", sheet.Value("B" + (first + 1)));
        Assert.Equal("_x0041_ literal", sheet.Value("A" + (first + 2)));
        Assert.Equal("  spaces kept  ", sheet.Value("B" + (first + 2)));
        var composed = sheet.Value("A" + (first + 3))!; // NFD from some keyboards becomes NFC
        Assert.Equal("Nguy\u1EC5n", composed);
        Assert.True(composed.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(XlsxCellType.Empty, sheet["B" + (first + 3)].Type);
        Assert.Empty(Validate(bytes));
    }

    [Fact]
    public async Task Output_passes_the_open_xml_validator()
    {
        object?[] totals = [null, null, null, null, 8.2m, 0.8m, null, null];
        var bytes = await WriteAsync(Register, RegisterRows(), totals);

        Assert.Empty(Validate(bytes));
        Assert.Empty(Validate(bytes, FileFormatVersions.Office2007));
    }

    [Fact]
    public async Task Writes_to_a_non_seekable_stream_that_only_accepts_async_writes()
    {
        using var sink = new MemoryStream();
        await using var output = new ResponseBodyLikeStream(sink);

        var count = await XlsxReportWriter.WriteAsync(output, Register, AsAsync(RegisterRows()), null, CancellationToken.None);

        Assert.Equal(3, count);
        Assert.True(output.AsyncWrites > 0);
        var sheet = XlsxTestReader.Open(sink.ToArray());
        Assert.Equal("Lê Đặng Cường", sheet.Value("C10"));
        Assert.Empty(Validate(sink.ToArray()));
    }

    [Fact]
    public async Task A_failure_half_way_writes_nothing_to_the_output()
    {
        using var output = new MemoryStream();

        static IEnumerable<object?[]> Failing()
        {
            yield return [1, "a"];
            throw new InvalidOperationException("database gone");
        }

        var report = Small(new ExcelColumn("STT", 6, ExcelCellKind.Integer), new ExcelColumn("Tên"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => XlsxReportWriter.WriteAsync(output, report, Failing()));
        Assert.Equal("database gone", error.Message);
        Assert.Equal(0, output.Length);

        await Assert.ThrowsAsync<ArgumentException>(() => XlsxReportWriter.WriteAsync(output, report, [[1, "a"], [2]]));
        Assert.Equal(0, output.Length);

        var wrongType = await Assert.ThrowsAsync<ArgumentException>(() => XlsxReportWriter.WriteAsync(output, report, [[1, true]]));
        Assert.Contains("Tên", wrongType.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Cancellation_stops_the_export_before_anything_is_sent()
    {
        using var output = new MemoryStream();
        using var cts = new CancellationTokenSource();
        var report = Small(new ExcelColumn("STT", 6, ExcelCellKind.Integer));

        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var i = 1; i <= 1000; i++)
            {
                if (i == 10)
                {
                    await cts.CancelAsync();
                }

                await Task.Yield();
                yield return [i];
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => XlsxReportWriter.WriteAsync(output, report, Rows(), null, cts.Token));
        Assert.Equal(0, output.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Sổ gốc [2025]")]
    [InlineData("Lớp 3/2023")]
    [InlineData("Báo cáo: năm")]
    [InlineData("Danh sách học viên lớp bồi dưỡng 2025")]
    [InlineData("'Sổ gốc'")]
    [InlineData("History")]
    public async Task Invalid_sheet_names_are_refused(string name)
    {
        var report = Small(new ExcelColumn("Tên")) with { SheetName = name };
        await Assert.ThrowsAsync<ArgumentException>(() => XlsxReportWriter.WriteAsync(Stream.Null, report, Array.Empty<object?[]>()));
        Assert.True(ExcelSheetName.IsValid(ExcelSheetName.Sanitize(name)));
    }

    [Fact]
    public async Task Sheet_name_with_an_apostrophe_is_quoted_in_the_print_titles()
    {
        var report = Small(new ExcelColumn("Tên")) with { SheetName = "Lớp 3-2023 (Cát Hanh's)" };
        var sheet = XlsxTestReader.Open(await WriteAsync(report, [["a"]]));

        Assert.Equal("Lớp 3-2023 (Cát Hanh's)", sheet.SheetName);
        Assert.Equal("'Lớp 3-2023 (Cát Hanh''s)'!$3:$3", sheet.DefinedName("_xlnm.Print_Titles")!.Value);
        Assert.Equal("Lớp 3-2023 (Cát Hanh's)", ExcelSheetName.Sanitize("Lớp 3/2023 (Cát Hanh's)"));
    }

    [Fact]
    public async Task Report_without_heading_starts_with_its_title()
    {
        var report = Small(new ExcelColumn("Tên", 20), new ExcelColumn("Số", 8, ExcelCellKind.Integer));
        var sheet = XlsxTestReader.Open(await WriteAsync(report, [["a", 1]]));

        Assert.Equal(new ExcelReportLayout(0, 1, null, 3), report.Layout);
        Assert.Equal("BÁO CÁO THỬ", sheet.Value("A1"));
        Assert.Equal(["A1:B1"], sheet.MergedRanges);
        Assert.Equal("Tên", sheet.Value("A3"));
        Assert.Equal(1, sheet["B4"].Number);
        Assert.Equal(new XlsxPane(0, 3, "A4", "frozen", "bottomLeft"), sheet.FrozenPane);
        Assert.Empty(Validate(await WriteAsync(report, [["a", 1]])));
    }

    [Fact]
    public async Task Dates_before_excel_can_count_them_are_written_as_text()
    {
        var report = Small(new ExcelColumn("Ngày", 12, ExcelCellKind.Date), new ExcelColumn("Lúc", 16, ExcelCellKind.DateTime));
        var sheet = XlsxTestReader.Open(await WriteAsync(report,
        [
            [new DateOnly(1899, 12, 31), new DateTime(2025, 6, 30, 14, 30, 0)],
            [new DateOnly(1900, 3, 1), new DateTimeOffset(2025, 1, 2, 8, 0, 0, TimeSpan.FromHours(7))],
        ]));

        Assert.Equal(XlsxCellType.InlineString, sheet["A4"].Type);
        Assert.Equal("31/12/1899", sheet.Value("A4"));
        Assert.Equal(61, sheet["A5"].Number);
        Assert.Equal(new DateTime(1900, 3, 1), sheet["A5"].DateValue);
        Assert.Equal("dd/mm/yyyy hh:mm", sheet["B4"].NumberFormat);
        Assert.Equal(new DateTime(2025, 6, 30, 14, 30, 0), sheet["B4"].DateValue);
        Assert.Equal(new DateTime(2025, 1, 2, 8, 0, 0), sheet["B5"].DateValue);
    }

    [Fact]
    public async Task Fifty_thousand_rows_round_trip()
    {
        const int count = 50_000;
        var report = Register with { Period = null, PlaceAndDate = null, RightHeading = [] };
        var born = new DateOnly(1960, 1, 1);

        async IAsyncEnumerable<object?[]> Rows()
        {
            var row = new object?[8]; // reused on purpose: the writer must not keep it
            for (var i = 1; i <= count; i++)
            {
                row[0] = i;
                row[1] = $"{i:D5}/2025";
                row[2] = $"Học viên {i}";
                row[3] = born.AddDays(i % 15_000);
                row[4] = (i % 50) / 5.0;
                row[5] = i % 100 / 100m;
                row[6] = new DateOnly(2025, 1, 1).AddDays(i % 365);
                row[7] = i % 7 == 0 ? "Cấp lại" : null;
                yield return row;
                if (i % 10_000 == 0)
                {
                    await Task.Yield();
                }
            }
        }

        using var output = new MemoryStream();
        var written = await XlsxReportWriter.WriteAsync(output, report, Rows(), [null, null, null, null, null, null, null, count]);
        var sheet = XlsxTestReader.Open(output.ToArray());
        var layout = report.Layout;

        Assert.Equal(count, written);
        Assert.Equal(count, sheet.Rows.Count(r => r.Number >= layout.FirstDataRow && r.Number < layout.TotalsRow(count)));
        Assert.Equal(layout.TotalsRow(count), sheet.LastRow);
        var last = layout.FirstDataRow + count - 1;
        Assert.Equal(count, sheet["A" + last].Number);
        Assert.Equal("Học viên 50000", sheet.Value("C" + last));
        Assert.Equal(born.AddDays(count % 15_000).ToDateTime(TimeOnly.MinValue), sheet["D" + last].DateValue);
        Assert.Equal(count, sheet["H" + layout.TotalsRow(count)].Number);
        Assert.Equal(count * 8, sheet.Cells.Keys.Count(k => RowOf(k) is var r && r >= layout.FirstDataRow && r <= last));
    }

    private static int RowOf(string reference) =>
        int.Parse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), System.Globalization.CultureInfo.InvariantCulture);

    private static ExcelReport Small(params ExcelColumn[] columns) => new()
    {
        SheetName = "Thử",
        Title = "BÁO CÁO THỬ",
        Columns = columns,
    };

    private static async IAsyncEnumerable<object?[]> AsAsync(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static List<string> Validate(byte[] bytes, FileFormatVersions version = FileFormatVersions.Microsoft365)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        return [.. new OpenXmlValidator(version).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    private static string SheetXml(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Like Kestrel's response body: not seekable, and synchronous writes are refused.</summary>
    private sealed class ResponseBodyLikeStream(Stream inner) : Stream
    {
        public int AsyncWrites { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
