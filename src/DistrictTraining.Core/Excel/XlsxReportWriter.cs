namespace DistrictTraining.Core.Excel;

/// <summary>
/// Writes a report as an .xlsx workbook of one sheet, streaming the rows so that memory stays flat
/// however many there are.
/// </summary>
/// <remarks>
/// <para>
/// The workbook is built in a temporary file (deleted when closed) and then copied to the caller's
/// stream asynchronously. Three reasons: the sheet writer and System.IO.Compression write synchronously,
/// and ASP.NET Core forbids synchronous writes to the response body; a failure half-way (a database
/// error, a bad value, a cancelled request) leaves the caller's stream untouched, so a controller can
/// still answer with an error page instead of a truncated download; and the length is known before
/// the first byte is sent. The cost is one sequential write and read of the compressed file
/// (about 11 MB for 200,000 certificate-register rows).
/// </para>
/// <para>
/// Each row is written as soon as it is enumerated; a row array may be reused by the caller.
/// Values: <c>null</c>/DBNull → empty bordered cell; string/char → text (an inline string, never a
/// formula); any .NET number → number; DateOnly/DateTime/DateTimeOffset → an Excel date serial;
/// <see cref="Common.PartialDate"/> → a date, or its year as text. Other types are refused with an
/// <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
public static class XlsxReportWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the report to <paramref name="output"/> (which need not be seekable).</summary>
    /// <param name="totals">Optional totals row, one value per column; a null first value becomes <see cref="ExcelReport.TotalsLabel"/>.</param>
    /// <returns>The number of data rows written.</returns>
    public static async Task<int> WriteAsync(
        Stream output,
        ExcelReport report,
        IAsyncEnumerable<object?[]> rows,
        object?[]? totals = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var file = await CreateAsync(report, rows, totals, cancellationToken).ConfigureAwait(false);
        await CopyAsync(file.Stream, output, cancellationToken).ConfigureAwait(false);
        return file.DataRowCount;
    }

    /// <inheritdoc cref="WriteAsync(Stream, ExcelReport, IAsyncEnumerable{object?[]}, object?[], CancellationToken)"/>
    public static async Task<int> WriteAsync(
        Stream output,
        ExcelReport report,
        IEnumerable<object?[]> rows,
        object?[]? totals = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var file = Create(report, rows, totals, cancellationToken);
        await CopyAsync(file.Stream, output, cancellationToken).ConfigureAwait(false);
        return file.DataRowCount;
    }

    /// <summary>
    /// Builds the workbook in a temporary file and returns it positioned at 0. Disposing it deletes
    /// the file. For ASP.NET: <c>return File(xlsx.Stream, XlsxReportWriter.ContentType, name)</c>
    /// (FileStreamResult disposes it) — errors surface before any byte of the response is sent.
    /// </summary>
    public static async Task<XlsxFile> CreateAsync(
        ExcelReport report,
        IAsyncEnumerable<object?[]> rows,
        object?[]? totals = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Check(report, totals);
        var temp = OpenTempFile();
        try
        {
            int count;
            using (var sheet = new XlsxSheetWriter(temp, report))
            {
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sheet.WriteRow(row);
                }

                cancellationToken.ThrowIfCancellationRequested();
                sheet.Finish(totals);
                count = sheet.DataRowCount;
            }

            temp.Position = 0;
            return new XlsxFile(temp, count);
        }
        catch
        {
            await temp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc cref="CreateAsync(ExcelReport, IAsyncEnumerable{object?[]}, object?[], CancellationToken)"/>
    public static XlsxFile Create(
        ExcelReport report,
        IEnumerable<object?[]> rows,
        object?[]? totals = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Check(report, totals);
        var temp = OpenTempFile();
        try
        {
            int count;
            using (var sheet = new XlsxSheetWriter(temp, report))
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sheet.WriteRow(row);
                }

                cancellationToken.ThrowIfCancellationRequested();
                sheet.Finish(totals);
                count = sheet.DataRowCount;
            }

            temp.Position = 0;
            return new XlsxFile(temp, count);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    private static void Check(ExcelReport report, object?[]? totals)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Validate();
        if (totals is not null && totals.Length != report.Columns.Count)
        {
            throw new ArgumentException(
                $"The totals row has {totals.Length} values; the report has {report.Columns.Count} columns.", nameof(totals));
        }
    }

    private static FileStream OpenTempFile() => new(
        Path.Combine(Path.GetTempPath(), "dt-export-" + Guid.NewGuid().ToString("N") + ".xlsx"),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        bufferSize: 64 * 1024,
        FileOptions.DeleteOnClose);

    private static async Task CopyAsync(Stream source, Stream output, CancellationToken cancellationToken)
    {
        await source.CopyToAsync(output, 64 * 1024, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A finished workbook in a temporary file that is deleted when this is disposed.</summary>
public sealed class XlsxFile : IDisposable, IAsyncDisposable
{
    internal XlsxFile(Stream stream, int dataRowCount)
    {
        Stream = stream;
        DataRowCount = dataRowCount;
    }

    /// <summary>Readable and seekable, positioned at 0; owned by this object.</summary>
    public Stream Stream { get; }

    public int DataRowCount { get; }

    public long Length => Stream.Length;

    public void Dispose() => Stream.Dispose();

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
