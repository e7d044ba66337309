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
        var bytes = PackageGuard.ReadBounded(stream, declaredLength, limits.MaxFileBytes);
        PackageGuard.CheckSignature(bytes);
        using var memory = new MemoryStream(bytes, writable: false);
        PackageGuard.CheckArchive(memory, limits);
        memory.Position = 0;

        using var document = SpreadsheetDocument.Open(memory, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
        var source = WorkbookSource.Open(document, limits);

        var anyData = false;
        RosterReadResult? headerWithoutRows = null;
        foreach (var sheet in source.Sheets.OrderBy(s => s.Visible ? 0 : 1))
        {
            var merges = source.ReadMerges(sheet.Part);
            using var rows = source.ReadRows(sheet.Part, MaxColumn).GetEnumerator();

            // Enough rows to search for the header, plus its sub-header and a numbering row.
            var top = new List<SheetRow>();
            var nonEmpty = 0;
            while (nonEmpty < limits.HeaderSearchRows + 3 && rows.MoveNext())
            {
                top.Add(rows.Current);
                nonEmpty += rows.Current.IsEmpty ? 0 : 1;
            }

            anyData |= nonEmpty > 0;
            if (RosterHeaders.Detect(top, merges, limits.HeaderSearchRows) is not { } layout)
            {
                continue;
            }

            var table = new RosterTable(layout, merges, source.Date1904, today, limits, sheet.Name);
            foreach (var row in top)
            {
                if (row.Number > layout.LastHeaderRowNumber && !table.Accept(row))
                {
                    break;
                }
            }

            while (!table.Ended && rows.MoveNext())
            {
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
            };
        }

        return headerWithoutRows
            ?? (anyData
                ? RosterReadResult.Refused(RosterRefusal.NoHeader, RosterMessages.NoHeader(limits.HeaderSearchRows))
                : RosterReadResult.Refused(RosterRefusal.EmptySheet, RosterMessages.EmptySheet));
    }
}
