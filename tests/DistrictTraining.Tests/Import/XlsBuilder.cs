using System.Buffers.Binary;
using System.Text;

namespace DistrictTraining.Tests.Import;

/// <summary>
/// A test-only writer of old-format workbooks (.xls): BIFF8 records (BOF, CODEPAGE, XF, BOUNDSHEET, DIMENSIONS,
/// LABEL, NUMBER, MERGEDCELLS, EOF) in a "Workbook" stream of a version-3 Compound File. Enough for sheets of
/// strings, numbers and dates (a DateOnly is a NUMBER with the built-in date format 14), with merged ranges.
/// <see cref="CompoundFile"/> is exposed so hostile tests can corrupt a valid container on purpose.
/// </summary>
internal sealed class XlsBuilder
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;

    private readonly List<XlsSheet> _sheets = [];

    public XlsSheet Sheet(string name = "Sheet1")
    {
        var sheet = new XlsSheet(name);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>One sheet from rows of values, the first row at row 1.</summary>
    public static byte[] FromGrid(params object?[][] rows)
    {
        var builder = new XlsBuilder();
        var sheet = builder.Sheet();
        for (var i = 0; i < rows.Length; i++)
        {
            sheet.Row(i + 1, rows[i]);
        }

        return builder.Build();
    }

    public byte[] Build() => CompoundFile(WorkbookStream());

    /// <summary>The BIFF8 "Workbook" stream.</summary>
    public byte[] WorkbookStream()
    {
        var globals = new MemoryStream();
        Record(globals, 0x0809, Bof(0x0005));
        Record(globals, 0x0042, U16(1200)); // CODEPAGE: UTF-16
        Record(globals, 0x0022, U16(0)); // DATEMODE: 1900
        Record(globals, 0x0031, Font()); // one FONT for the XFs
        Record(globals, 0x00E0, Xf(0)); // XF 0: General
        Record(globals, 0x00E0, Xf(14)); // XF 1: the built-in date format d/m/yyyy

        // BOUNDSHEET records hold the offset of each sheet's BOF: write them with a placeholder, then patch.
        var placeholders = new List<long>();
        foreach (var sheet in _sheets)
        {
            placeholders.Add(globals.Position + 4);
            var name = Encoding.Unicode.GetBytes(sheet.Name);
            var data = new byte[4 + 2 + 2 + name.Length];
            data[4] = 0; // visible
            data[5] = 0; // worksheet
            data[6] = (byte)sheet.Name.Length;
            data[7] = 1; // UTF-16
            name.CopyTo(data, 8);
            Record(globals, 0x0085, data);
        }

        Record(globals, 0x000A, []);
        var stream = new MemoryStream();
        globals.Position = 0;
        globals.CopyTo(stream);
        var offsets = new List<long>();
        foreach (var sheet in _sheets)
        {
            offsets.Add(stream.Position);
            sheet.WriteTo(stream);
        }

        var bytes = stream.ToArray();
        for (var i = 0; i < offsets.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)placeholders[i]), (uint)offsets[i]);
        }

        // Streams under 4096 bytes would live in the mini stream; pad so the container stays simple.
        return bytes.Length >= 4096 ? bytes : [.. bytes, .. new byte[4096 - bytes.Length]];
    }

    /// <summary>A version-3 Compound File (512-byte sectors) holding one stream named "Workbook".</summary>
    public static byte[] CompoundFile(byte[] workbook)
    {
        const int sectorSize = 512;
        var dataSectors = (workbook.Length + sectorSize - 1) / sectorSize;
        var fatSectors = 1;
        while (fatSectors * (sectorSize / 4) < fatSectors + 1 + dataSectors)
        {
            fatSectors++;
        }

        var totalSectors = fatSectors + 1 + dataSectors;
        var file = new byte[sectorSize * (1 + totalSectors)];
        var header = file.AsSpan(0, sectorSize);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], (uint)fatSectors); // directory after the FAT
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (i * 4))..], i < fatSectors ? (uint)i : FreeSector);
        }

        var fat = new uint[fatSectors * (sectorSize / 4)];
        Array.Fill(fat, FreeSector);
        for (var i = 0; i < fatSectors; i++)
        {
            fat[i] = FatSector;
        }

        fat[fatSectors] = EndOfChain; // the directory: one sector
        var first = fatSectors + 1;
        for (var i = 0; i < dataSectors; i++)
        {
            fat[first + i] = i == dataSectors - 1 ? EndOfChain : (uint)(first + i + 1);
        }

        for (var i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(sectorSize + (i * 4)), fat[i]);
        }

        var directory = file.AsSpan(sectorSize * (1 + fatSectors), sectorSize);
        DirectoryEntry(directory[..128], "Root Entry", 5, child: 1, start: EndOfChain, size: 0);
        DirectoryEntry(directory.Slice(128, 128), "Workbook", 2, child: NoStream, start: (uint)first, size: (uint)workbook.Length);
        DirectoryEntry(directory.Slice(256, 128), string.Empty, 0, NoStream, 0, 0);
        DirectoryEntry(directory.Slice(384, 128), string.Empty, 0, NoStream, 0, 0);
        workbook.CopyTo(file.AsSpan(sectorSize * (1 + first)));
        return file;
    }

    /// <summary>Where the directory entry of the "Workbook" stream starts in a file from <see cref="CompoundFile"/>.</summary>
    public static int WorkbookEntryOffset(byte[] file)
    {
        var fatSectors = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(0x2C));
        return (int)(512 * (1 + fatSectors)) + 128;
    }

    private static void DirectoryEntry(Span<byte> entry, string name, byte type, uint child, uint start, uint size)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name);
        nameBytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)(name.Length == 0 ? 0 : nameBytes.Length + 2));
        entry[0x42] = type;
        entry[0x43] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x74..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x78..], size);
    }

    internal static void Record(Stream stream, ushort type, byte[] data)
    {
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(head, type);
        BinaryPrimitives.WriteUInt16LittleEndian(head[2..], (ushort)data.Length);
        stream.Write(head);
        stream.Write(data);
    }

    internal static byte[] Bof(ushort kind)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(data, 0x0600);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), kind);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), 0x0DBB);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6), 0x07CC);
        return data;
    }

    internal static byte[] U16(ushort value)
    {
        var data = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(data, value);
        return data;
    }

    private static byte[] Font()
    {
        var name = Encoding.Unicode.GetBytes("Arial");
        var data = new byte[16 + name.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(data, 200); // 10 pt
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), 0x7FFF);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6), 400);
        data[14] = 5;
        data[15] = 1;
        name.CopyTo(data, 16);
        return data;
    }

    private static byte[] Xf(ushort format)
    {
        var data = new byte[20];
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), format);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), 0x0001); // locked cell XF, parent 0
        return data;
    }
}

internal sealed class XlsSheet(string name)
{
    public string Name { get; } = name;

    private readonly SortedDictionary<int, SortedDictionary<int, object>> _rows = [];
    private readonly List<(int FirstRow, int LastRow, int FirstColumn, int LastColumn)> _merges = [];

    /// <summary>Declared dimensions instead of the real ones (a hostile sheet's lie).</summary>
    public (uint Rows, ushort Columns)? DeclaredDimensions { get; set; }

    /// <summary>Values from column 1; null leaves a cell empty. string → LABEL, numbers → NUMBER, DateOnly → NUMBER styled as a date.</summary>
    public XlsSheet Row(int rowNumber, params object?[] cells)
    {
        var row = _rows.TryGetValue(rowNumber, out var existing) ? existing : _rows[rowNumber] = [];
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is { } value)
            {
                row[i + 1] = value;
            }
        }

        return this;
    }

    /// <summary>A merged range, 1-based and inclusive.</summary>
    public XlsSheet Merge(int firstRow, int firstColumn, int lastRow, int lastColumn)
    {
        _merges.Add((firstRow, lastRow, firstColumn, lastColumn));
        return this;
    }

    public void WriteTo(Stream stream)
    {
        XlsBuilder.Record(stream, 0x0809, XlsBuilder.Bof(0x0010));
        var lastRow = _rows.Count == 0 ? 0 : _rows.Keys.Max();
        var lastColumn = _rows.Count == 0 ? 0 : _rows.Values.SelectMany(r => r.Keys).DefaultIfEmpty(0).Max();
        var dimensions = new byte[14];
        BinaryPrimitives.WriteUInt32LittleEndian(dimensions.AsSpan(4), DeclaredDimensions?.Rows ?? (uint)lastRow);
        BinaryPrimitives.WriteUInt16LittleEndian(dimensions.AsSpan(10), DeclaredDimensions?.Columns ?? (ushort)lastColumn);
        XlsBuilder.Record(stream, 0x0200, dimensions);
        foreach (var (rowNumber, cells) in _rows)
        {
            foreach (var (column, value) in cells)
            {
                WriteCell(stream, rowNumber - 1, column - 1, value);
            }
        }

        if (_merges.Count > 0)
        {
            var data = new byte[2 + (8 * _merges.Count)];
            BinaryPrimitives.WriteUInt16LittleEndian(data, (ushort)_merges.Count);
            for (var i = 0; i < _merges.Count; i++)
            {
                var m = _merges[i];
                var at = data.AsSpan(2 + (i * 8));
                BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(m.FirstRow - 1));
                BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)(m.LastRow - 1));
                BinaryPrimitives.WriteUInt16LittleEndian(at[4..], (ushort)(m.FirstColumn - 1));
                BinaryPrimitives.WriteUInt16LittleEndian(at[6..], (ushort)(m.LastColumn - 1));
            }

            XlsBuilder.Record(stream, 0x00E5, data);
        }

        XlsBuilder.Record(stream, 0x000A, []);
    }

    private static void WriteCell(Stream stream, int row, int column, object value)
    {
        switch (value)
        {
            case string text:
                var chars = Encoding.Unicode.GetBytes(text);
                var label = new byte[6 + 3 + chars.Length];
                Position(label, row, column, 0);
                BinaryPrimitives.WriteUInt16LittleEndian(label.AsSpan(6), (ushort)text.Length);
                label[8] = 1; // UTF-16
                chars.CopyTo(label, 9);
                XlsBuilder.Record(stream, 0x0204, label);
                break;
            case DateOnly date:
                Number(stream, row, column, 1, date.DayNumber - new DateOnly(1899, 12, 30).DayNumber);
                break;
            default:
                Number(stream, row, column, 0, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void Number(Stream stream, int row, int column, ushort xf, double number)
    {
        var data = new byte[14];
        Position(data, row, column, xf);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(6), number);
        XlsBuilder.Record(stream, 0x0203, data);
    }

    private static void Position(byte[] data, int row, int column, ushort xf)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(data, (ushort)row);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), (ushort)column);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(4), xf);
    }
}
