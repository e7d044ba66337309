using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Reports;

/// <summary>How report numbers are written for Vietnamese readers: "2.533", "55,8%", "—" for nothing to measure.</summary>
public static class ReportFormat
{
    public const string None = "—";

    /// <summary><paramref name="part"/> over <paramref name="whole"/> as a ratio (0.558), or null when there is no whole.</summary>
    public static double? Share(int part, int? whole) => whole is > 0 ? (double)part / whole.Value : null;

    public static string Number(int value) => value.ToString("N0", VietnameseText.Culture);

    public static string Number(int? value) => value is { } v ? Number(v) : None;

    /// <summary>A ratio as a percentage with one decimal: 0.5577 → "55,8%".</summary>
    public static string Percent(double? ratio) =>
        ratio is { } r ? (Math.Round(r * 100, 1, MidpointRounding.AwayFromZero)).ToString("0.0", VietnameseText.Culture) + "%" : None;
}
