using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace DistrictTraining.Core.Import;

/// <summary>
/// Reads the trainee list a commune sends as an .xlsx workbook: finds the header among the first
/// rows (titles above it, two-row merged headers, birth date split into Nam/Nữ columns), reads the
/// rows under it until the signature block, and checks each row. A pure parser: it neither
/// touches the database nor matches trainees; it never evaluates formulas and never throws on a
/// bad file — a file it cannot take comes back refused, with a Vietnamese message.
/// </summary>
public static class RosterWorkbookReader
{
    /// <summary>Cells further right than this are not read (a roster is a dozen columns wide).</summary>
    private const int MaxColumn = 512;

    /// <param name="stream">The uploaded file; read to its end, not disposed.</param>
    /// <param name="today">Vietnam's today: birth dates after it are refused.</param>
    /// <param name="declaredLength">The size the upload announced (e.g. IFormFile.Length), checked before reading.</param>
    /// <param name="limits">Size limits; <see cref="RosterReadLimits.Default"/> when null.</param>
    public static RosterReadResult Read(Stream stream, DateOnly today, long? declaredLength = null, RosterReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= RosterReadLimits.Default;
        try
        {
            return ReadCore(stream, declaredLength, limits, today);
        }
        catch (RosterRefusalException refusal)
        {
            return RosterReadResult.Refused(refusal.Refusal, refusal.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or OpenXmlPackageException or IOException
            or FormatException or NotSupportedException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return RosterReadResult.Refused(RosterRefusal.Corrupt, RosterMessages.Corrupt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return RosterReadResult.Refused(RosterRefusal.Corrupt, RosterMessages.Unexpected);
        }
    }

    private static RosterReadResult ReadCore(Stream stream, long? declaredLength, RosterReadLimits limits, DateOnly today)
    {
        var clock = new ReadClock(limits.MaxReadTime);
        var bytes = PackageGuard.ReadBounded(stream, declaredLength, limits.MaxFileBytes);
        if (XlsWorkbook.IsCompoundFile(bytes))
        {
            var xls = XlsWorkbook.Read(bytes, limits, clock, MaxColumn);
            var read = ReadSheets(xls, date1904: false, limits, today, clock);
            return read.IsRefused ? read : WithFormat(read, "xls");
        }

        try
        {
            PackageGuard.CheckSignature(bytes);
        }
        catch (RosterRefusalException refusal) when (refusal.Message == RosterMessages.NotXlsx)
        {
            throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotRosterWorkbook);
        }

        using var memory = new MemoryStream(bytes, writable: false);
        PackageGuard.CheckArchive(memory, limits);
        memory.Position = 0;

        using var document = SpreadsheetDocument.Open(memory, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
        var source = WorkbookSource.Open(document, limits);
        var sheets = source.Sheets.OrderBy(s => s.Visible ? 0 : 1)
            .Select(s => new SheetSource(s.Name, () => source.ReadMerges(s.Part), () => source.ReadRows(s.Part, MaxColumn)));
        return ReadSheets(sheets, source.Date1904, limits, today, clock);
    }

    private static RosterReadResult WithFormat(RosterReadResult read, string format) => new()
    {
        Rows = read.Rows,
        SheetName = read.SheetName,
        HeaderRowNumber = read.HeaderRowNumber,
        LastHeaderRowNumber = read.LastHeaderRowNumber,
        Columns = read.Columns,
        RecognisedColumns = read.RecognisedColumns,
        SourceColumns = read.SourceColumns,
        TitleLines = read.TitleLines,
        Format = format,
    };

    /// <summary>The same search for header and rows, whatever the file format the sheets came from.</summary>
    private static RosterReadResult ReadSheets(IEnumerable<SheetSource> sheets, bool date1904, RosterReadLimits limits, DateOnly today, ReadClock clock)
    {
        var anyData = false;
        RosterReadResult? headerWithoutRows = null;
        foreach (var sheet in sheets)
        {
            var merges = sheet.Merges();
            using var rows = sheet.Rows().GetEnumerator();

            // Enough rows to search for the header, plus its sub-header and a numbering row.
            var top = new List<SheetRow>();
            var nonEmpty = 0;
            while (nonEmpty < limits.HeaderSearchRows + 3 && rows.MoveNext())
            {
                clock.Check();
                top.Add(rows.Current);
                nonEmpty += rows.Current.IsEmpty ? 0 : 1;
            }

            anyData |= nonEmpty > 0;
            if (RosterHeaders.Detect(top, merges, limits.HeaderSearchRows) is not { } layout)
            {
                continue;
            }

            var sourceColumns = SourceColumnsOf(top, layout, date1904);
            var table = new RosterTable(layout, merges, date1904, today, limits, sheet.Name, sourceColumns);
            foreach (var row in top)
            {
                if (row.Number > layout.LastHeaderRowNumber && !table.Accept(row))
                {
                    break;
                }
            }

            while (!table.Ended && rows.MoveNext())
            {
                clock.Check();
                table.Accept(rows.Current);
            }

            if (table.Rows.Count == 0)
            {
                headerWithoutRows ??= RosterReadResult.Refused(
                    RosterRefusal.NoDataRows, RosterMessages.NoDataRows(sheet.Name, layout.HeaderRowNumber), sheet.Name, layout.HeaderRowNumber);
                continue;
            }

            return new RosterReadResult
            {
                Rows = table.Rows,
                SheetName = sheet.Name,
                HeaderRowNumber = layout.HeaderRowNumber,
                LastHeaderRowNumber = layout.LastHeaderRowNumber,
                Columns = layout.Columns,
                RecognisedColumns = layout.Columns.Select(c => c.Label).ToList(),
                SourceColumns = sourceColumns,
                TitleLines = top.Where(r => r.Number < layout.HeaderRowNumber)
                    .SelectMany(r => r.Cells.Where(c => c.Kind == RawCellKind.Text).Select(c => c.Text)).ToList(),
            };
        }

        return headerWithoutRows
            ?? (anyData
                ? RosterReadResult.Refused(RosterRefusal.NoHeader, RosterMessages.NoHeader(limits.HeaderSearchRows))
                : RosterReadResult.Refused(RosterRefusal.EmptySheet, RosterMessages.EmptySheet));
    }

    /// <summary>Every header column, recognised or not, named as the list names it (two header rows joined by " / ").</summary>
    private static List<SourceColumn> SourceColumnsOf(IReadOnlyList<SheetRow> top, HeaderLayout layout, bool date1904)
    {
        var recognised = layout.Columns.ToDictionary(c => c.ColumnNumber, c => c.HeaderText);
        var texts = new SortedDictionary<int, List<string>>();
        foreach (var row in top.Where(r => r.Number >= layout.HeaderRowNumber && r.Number <= layout.LastHeaderRowNumber))
        {
            foreach (var cell in row.Cells)
            {
                (texts.TryGetValue(cell.Column, out var list) ? list : texts[cell.Column] = []).Add(cell.DisplayText(date1904));
            }
        }

        foreach (var column in recognised.Keys)
        {
            texts.TryAdd(column, []);
        }

        if (texts.Count == 0)
        {
            return [];
        }

        var columns = new List<SourceColumn>();
        for (var column = texts.Keys.First(); column <= texts.Keys.Last(); column++)
        {
            var header = recognised.TryGetValue(column, out var known) ? known
                : texts.TryGetValue(column, out var list) ? string.Join(" / ", list) : string.Empty;
            columns.Add(new SourceColumn(column, header));
        }

        return columns;
    }
}

/// <summary>One sheet of any workbook format: its name, merged ranges and rows (streamed).</summary>
internal sealed record SheetSource(string Name, Func<IReadOnlyList<MergeRange>> Merges, Func<IEnumerable<SheetRow>> Rows);

/// <summary>The time budget of one read: a file that takes longer than this is refused rather than holding a server thread.</summary>
internal sealed class ReadClock(TimeSpan limit)
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

    public void Check()
    {
        if (_watch.Elapsed > limit)
        {
            throw new RosterRefusalException(RosterRefusal.TooSlow, RosterMessages.TooSlow);
        }
    }
}
