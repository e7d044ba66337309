using System.Buffers.Binary;
using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;
using ExcelDataReader;

namespace DistrictTraining.Core.Import;

/// <summary>
/// Old-format lists (.xls, Excel 97–2003: BIFF8 inside a Compound File) read through ExcelDataReader into the same
/// rows the .xlsx reader gives, so one header search, one row check and one preview serve both. The container is
/// checked first (<see cref="CheckContainer"/>): sizes and sector chains a file declares must fit in the file, so
/// a hostile file cannot make the library allocate or loop past what the upload weighs. The whole read runs under
/// the same size, row and time budgets as an .xlsx.
/// </summary>
internal static class XlsWorkbook
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;

    private static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    static XlsWorkbook()
    {
        // BIFF8 strings may be 8-bit in the workbook's code page (Windows-1258 for Vietnamese).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static bool IsCompoundFile(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    /// <summary>The sheets of the workbook, visible first, each read whole (the file is already within the size limit).</summary>
    public static IReadOnlyList<SheetSource> Read(byte[] bytes, RosterReadLimits limits, ReadClock clock, int maxColumn)
    {
        CheckContainer(bytes);
        try
        {
            return ReadSheets(bytes, limits, clock, maxColumn);
        }
        catch (RosterRefusalException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not StackOverflowException)
        {
            // ExcelDataReader reports a damaged or encrypted file with many exception types (and a huge record with an allocation failure).
            throw new RosterRefusalException(RosterRefusal.Corrupt, RosterMessages.CorruptXls);
        }
    }

    private static List<SheetSource> ReadSheets(byte[] bytes, RosterReadLimits limits, ReadClock clock, int maxColumn)
    {
        var sheets = new List<(SheetSource Sheet, bool Visible)>();
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = ExcelReaderFactory.CreateBinaryReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding(1258) });
        var maxRows = limits.MaxRows + limits.HeaderSearchRows + 200;
        do
        {
            var rows = new List<SheetRow>();
            var number = 0;
            while (reader.Read())
            {
                clock.Check();
                number++;
                var cells = new List<RawCell>();
                var width = Math.Min(reader.FieldCount, maxColumn);
                for (var i = 0; i < width; i++)
                {
                    if (Cell(i + 1, reader.GetValue(i)) is { } cell)
                    {
                        cells.Add(cell);
                    }
                }

                if (cells.Count > 0)
                {
                    rows.Add(new SheetRow(number, cells));
                    if (rows.Count > maxRows)
                    {
                        break; // the table refuses past its row limit; nothing further is needed to say so
                    }
                }
            }

            var merges = (reader.MergeCells ?? [])
                .Select(m => new MergeRange(m.FromRow + 1, m.FromColumn + 1, m.ToRow + 1, m.ToColumn + 1))
                .Where(m => m.Width > 1 || m.LastRow > m.FirstRow)
                .Take(20_000)
                .ToList();
            var name = VietnameseText.Clean(reader.Name);
            sheets.Add((new SheetSource(name, () => merges, () => rows), reader.VisibleState is null or "visible"));
        }
        while (reader.NextResult());

        return sheets.OrderBy(s => s.Visible ? 0 : 1).Select(s => s.Sheet).ToList();
    }

    private static RawCell? Cell(int column, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                var clean = VietnameseText.Clean(text);
                return clean.Length == 0 ? null : new RawCell(column, RawCellKind.Text, clean, 0, false, TraineeRules.HasHiddenCharacters(text) ? text : null);
            case bool flag:
                return new RawCell(column, RawCellKind.Boolean, flag ? "1" : "0", flag ? 1 : 0, false);
            case DateTime date:
                // A date-formatted number: back to its 1900-system serial, as an .xlsx cell would hold it.
                var serial = (date - new DateTime(1899, 12, 30)).TotalDays;
                return new RawCell(column, RawCellKind.Number, serial.ToString(System.Globalization.CultureInfo.InvariantCulture), serial, true);
            case double or float or int or long or short or decimal:
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return double.IsFinite(number)
                    ? new RawCell(column, RawCellKind.Number, RawCell.FormatNumber(number), number, false)
                    : null;
            default:
                var other = VietnameseText.Clean(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                return other.Length == 0 ? null : new RawCell(column, RawCellKind.Text, other, 0, false);
        }
    }

    /// <summary>
    /// Refuses a Compound File whose header, sector allocation table or directory declares more than the file
    /// holds, or whose chains loop: what the library would otherwise trust.
    /// </summary>
    internal static void CheckContainer(byte[] bytes)
    {
        static RosterRefusalException Bad() => new(RosterRefusal.Corrupt, RosterMessages.CorruptXls);

        if (bytes.Length < 512 || !IsCompoundFile(bytes))
        {
            throw Bad();
        }

        var header = bytes.AsSpan(0, 512);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header[0x1E..]);
        var miniShift = BinaryPrimitives.ReadUInt16LittleEndian(header[0x20..]);
        if (sectorShift is not (9 or 12) || miniShift != 6)
        {
            throw Bad();
        }

        var sectorSize = 1 << sectorShift;
        long sectorCount = (bytes.Length - sectorSize + sectorSize - 1) / sectorSize;
        var fatSectors = BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]);
        var directoryStart = BinaryPrimitives.ReadUInt32LittleEndian(header[0x30..]);
        var miniFatSectors = BinaryPrimitives.ReadUInt32LittleEndian(header[0x40..]);
        var difatStart = BinaryPrimitives.ReadUInt32LittleEndian(header[0x44..]);
        var difatSectors = BinaryPrimitives.ReadUInt32LittleEndian(header[0x48..]);
        if (fatSectors == 0 || fatSectors > sectorCount || miniFatSectors > sectorCount || difatSectors > sectorCount || directoryStart >= sectorCount)
        {
            throw Bad();
        }

        // The sector allocation table: the first 109 FAT sector numbers are in the header, the rest in DIFAT sectors.
        var fatSectorNumbers = new List<uint>();
        for (var i = 0; i < 109 && fatSectorNumbers.Count < fatSectors; i++)
        {
            fatSectorNumbers.Add(BinaryPrimitives.ReadUInt32LittleEndian(header[(0x4C + (i * 4))..]));
        }

        var difat = difatStart;
        for (var d = 0; fatSectorNumbers.Count < fatSectors; d++)
        {
            if (d >= difatSectors || difat >= sectorCount)
            {
                throw Bad();
            }

            var sector = Sector(bytes, difat, sectorSize);
            for (var i = 0; i < (sectorSize / 4) - 1 && fatSectorNumbers.Count < fatSectors; i++)
            {
                fatSectorNumbers.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector[(i * 4)..]));
            }

            difat = BinaryPrimitives.ReadUInt32LittleEndian(sector[(sectorSize - 4)..]);
        }

        var fat = new uint[fatSectorNumbers.Count * (sectorSize / 4)];
        for (var f = 0; f < fatSectorNumbers.Count; f++)
        {
            if (fatSectorNumbers[f] >= sectorCount)
            {
                throw Bad();
            }

            var sector = Sector(bytes, fatSectorNumbers[f], sectorSize);
            for (var i = 0; i < sectorSize / 4; i++)
            {
                fat[(f * (sectorSize / 4)) + i] = BinaryPrimitives.ReadUInt32LittleEndian(sector[(i * 4)..]);
            }
        }

        // The directory: every stream's declared size must fit in the file, and its chain must end without looping.
        var directory = Chain(fat, directoryStart, sectorCount) ?? throw Bad();
        foreach (var sectorNumber in directory)
        {
            var sector = Sector(bytes, sectorNumber, sectorSize);
            for (var offset = 0; offset + 128 <= sectorSize; offset += 128)
            {
                var entry = sector.Slice(offset, 128);
                var type = entry[0x42];
                if (type is not (1 or 2 or 5))
                {
                    continue; // unused, or a storage-less slot
                }

                var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[0x74..]);
                var size = sectorShift == 9
                    ? BinaryPrimitives.ReadUInt32LittleEndian(entry[0x78..])
                    : BinaryPrimitives.ReadUInt64LittleEndian(entry[0x78..]);
                if (size > (ulong)bytes.Length)
                {
                    throw Bad();
                }

                // Streams of 4096 bytes and more (and the root's mini stream) live in regular sectors.
                if (type == 5 || (type == 2 && size >= 4096))
                {
                    if (size == 0)
                    {
                        continue;
                    }

                    var chain = Chain(fat, start, sectorCount) ?? throw Bad();
                    if ((ulong)chain.Count * (ulong)sectorSize < size)
                    {
                        throw Bad();
                    }
                }
            }
        }
    }

    private static ReadOnlySpan<byte> Sector(byte[] bytes, uint number, int sectorSize)
    {
        var offset = (long)(number + 1) * sectorSize;
        if (offset + sectorSize > bytes.Length)
        {
            // The last sector may be short in files trimmed by some writers; what is missing reads as zero.
            if (offset >= bytes.Length)
            {
                throw new RosterRefusalException(RosterRefusal.Corrupt, RosterMessages.CorruptXls);
            }

            var padded = new byte[sectorSize];
            bytes.AsSpan((int)offset).CopyTo(padded);
            return padded;
        }

        return bytes.AsSpan((int)offset, sectorSize);
    }

    /// <summary>The sectors of a chain, or null when it leaves the file, loops or is longer than the file.</summary>
    private static List<uint>? Chain(uint[] fat, uint start, long sectorCount)
    {
        var sectors = new List<uint>();
        var seen = new HashSet<uint>();
        for (var current = start; current != EndOfChain; current = fat[current])
        {
            if (current == FreeSector || current >= sectorCount || current >= fat.Length || !seen.Add(current))
            {
                return null;
            }

            sectors.Add(current);
        }

        return sectors;
    }
}
