using System.IO.Compression;

namespace DistrictTraining.Core.Import;

/// <summary>
/// Looks at the raw bytes before the Open XML SDK sees them: the file signature (zip, old .xls,
/// anything else), then the zip's central directory (entry count, declared sizes, compression
/// ratios), then inflates every XML part once with a byte budget, so that a zip lying about its
/// sizes is caught too.
/// </summary>
internal static class PackageGuard
{
    private static ReadOnlySpan<byte> ZipLocalHeader => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ZipEmptyArchive => [0x50, 0x4B, 0x05, 0x06];

    private static ReadOnlySpan<byte> OleCompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Reads the caller's stream into memory, refusing it past <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadBounded(Stream stream, long? declaredLength, long maxBytes)
    {
        if (declaredLength > maxBytes)
        {
            throw new RosterRefusalException(RosterRefusal.TooLarge, RosterMessages.TooLarge(maxBytes, declaredLength));
        }

        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > maxBytes)
            {
                throw new RosterRefusalException(RosterRefusal.TooLarge, RosterMessages.TooLarge(maxBytes, remaining));
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                throw new RosterRefusalException(RosterRefusal.TooLarge, RosterMessages.TooLarge(maxBytes, null));
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Refuses what is not a zip, with a message that names the likely format.</summary>
    public static void CheckSignature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.EmptyFile);
        }

        if (bytes.StartsWith(OleCompoundFile))
        {
            throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.OldXls);
        }

        if (bytes.StartsWith(ZipEmptyArchive))
        {
            throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotXlsx);
        }

        if (!bytes.StartsWith(ZipLocalHeader))
        {
            throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotXlsx);
        }
    }

    /// <summary>Checks the zip's directory and inflates its XML parts within the limits.</summary>
    public static void CheckArchive(Stream zipStream, RosterReadLimits limits)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new RosterRefusalException(RosterRefusal.Corrupt, RosterMessages.Corrupt);
        }

        using (archive)
        {
            var entries = archive.Entries;
            if (entries.Count > limits.MaxZipEntries)
            {
                throw new RosterRefusalException(RosterRefusal.SuspiciousCompression, RosterMessages.SuspiciousCompression);
            }

            long declaredTotal = 0;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                names.Add(entry.FullName.TrimStart('/'));
                declaredTotal += entry.Length;
                var ratioTooHigh = entry.Length > limits.CompressionRatioMinBytes
                    && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength);
                if (entry.Length < 0 || entry.Length > limits.MaxUncompressedBytes
                    || declaredTotal > limits.MaxUncompressedBytes || ratioTooHigh)
                {
                    throw new RosterRefusalException(RosterRefusal.SuspiciousCompression, RosterMessages.SuspiciousCompression);
                }
            }

            if (names.Contains("xl/workbook.bin"))
            {
                throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotXlsx); // .xlsb
            }

            if (!names.Contains("xl/workbook.xml") && !names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)))
            {
                if (names.Contains("word/document.xml"))
                {
                    throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.WordDocument);
                }

                if (names.Contains("[Content_Types].xml"))
                {
                    throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.OtherOfficeDocument);
                }

                throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotXlsx);
            }

            // Inflate what will be parsed, counting what actually comes out: a zip can lie about sizes.
            var budget = new ReadBudget(limits.MaxUncompressedBytes);
            var scratch = new byte[81920];
            foreach (var entry in entries)
            {
                if (!IsXmlPart(entry.FullName))
                {
                    continue;
                }

                long actual = 0;
                using var data = entry.Open();
                int n;
                while ((n = data.Read(scratch, 0, scratch.Length)) > 0)
                {
                    actual += n;
                    budget.Spend(n);
                    if (actual > entry.Length)
                    {
                        throw new RosterRefusalException(RosterRefusal.SuspiciousCompression, RosterMessages.SuspiciousCompression);
                    }
                }
            }
        }
    }

    private static bool IsXmlPart(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
}
