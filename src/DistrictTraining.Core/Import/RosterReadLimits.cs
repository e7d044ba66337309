namespace DistrictTraining.Core.Import;

/// <summary>
/// Bounds that keep one upload from exhausting the server: file size, rows, and the sizes a zip
/// claims and actually inflates to (zip bombs). The defaults suit commune rosters.
/// </summary>
public sealed record RosterReadLimits
{
    public static RosterReadLimits Default { get; } = new();

    /// <summary>The largest .xlsx accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>The most trainee rows one sheet may hold.</summary>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>The most bytes the whole package may inflate to, declared or actually read.</summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>The highest uncompressed/compressed ratio tolerated for a large entry.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries smaller than this (uncompressed) are not held to <see cref="MaxCompressionRatio"/>.</summary>
    public long CompressionRatioMinBytes { get; init; } = 1024 * 1024;

    /// <summary>The most entries the zip may contain.</summary>
    public int MaxZipEntries { get; init; } = 2_000;

    /// <summary>How many non-empty rows from the top are searched for the header row.</summary>
    public int HeaderSearchRows { get; init; } = 20;

    /// <summary>The longest one read may take, whatever the format: past it the file is refused.</summary>
    public TimeSpan MaxReadTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>This many blank rows in a row end the table.</summary>
    public int BlankRowsEndingTable { get; init; } = 10;
}
