using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DistrictTraining.Core.Common;
using Microsoft.AspNetCore.Html;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>One series of a chart: its legend name, its colour and one value per category (null: nothing to draw).</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double?> Values);

/// <summary>
/// Small charts drawn on the server as inline SVG: no script library, nothing to download, and they
/// print. Each chart is an image with a title for screen readers; the page puts the same numbers in
/// a table beside it. Coordinates are written with the invariant culture (SVG wants "12.5", not "12,5");
/// the numbers people read are Vietnamese ("2.533").
/// </summary>
public static class SvgCharts
{
    public const string Plan = "#adb5bd";
    public const string Actual = "#9b1c1c";
    public static readonly string[] Palette = ["#1b5e20", "#2e7d32", "#f9a825", "#ef6c00", "#6d4c41", "#1565c0", "#6a1b9a", "#00838f"];

    private const double Width = 640;
    private const double LabelWidth = 210;
    private const double ValueRoom = 56;
    private const double BarHeight = 14;
    private const double GroupGap = 10;
    private const double LegendHeight = 24;

    // Vietnamese letters as they are (as the portal's own encoder writes them); markup still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Horizontal bars, one group per category and one bar per series (e.g. plan and actual per programme).</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        var max = NiceMax(series.SelectMany(s => s.Values).Max(v => v ?? 0));
        var groupHeight = (series.Count * BarHeight) + GroupGap;
        var height = LegendHeight + (categories.Count * groupHeight) + 8;
        var plotWidth = Width - LabelWidth - ValueRoom;
        var svg = Open(id, title, height);
        Legend(svg, series.Select(s => (s.Name, s.Colour)));
        for (var c = 0; c < categories.Count; c++)
        {
            var top = LegendHeight + (c * groupHeight);
            Label(svg, categories[c], top + (series.Count * BarHeight / 2));
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not { } value)
                {
                    continue;
                }

                var y = top + (s * BarHeight);
                var w = max == 0 ? 0 : value / max * plotWidth;
                svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 1}\" width=\"{Math.Max(w, 0.5)}\" height=\"{BarHeight - 2}\" fill=\"{series[s].Colour}\">"))
                    .Append("<title>").Append(Encode($"{series[s].Name}: {Number(value)}")).Append("</title></rect>");
                svg.Append(Invariant($"<text x=\"{LabelWidth + w + 4}\" y=\"{y + BarHeight - 3}\" font-size=\"11\">")).Append(Encode(Number(value))).Append("</text>");
            }
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars split into segments (e.g. grades per programme), with the total at the end.</summary>
    public static IHtmlContent StackedBars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> segments)
    {
        var totals = Enumerable.Range(0, categories.Count).Select(c => segments.Sum(s => s.Values[c] ?? 0)).ToList();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var rowHeight = BarHeight + 8;
        var legendRows = (segments.Count + 3) / 4;
        var legendHeight = legendRows * LegendHeight;
        var height = legendHeight + (categories.Count * rowHeight) + 8;
        var plotWidth = Width - LabelWidth - ValueRoom;
        var svg = Open(id, title, height);
        Legend(svg, segments.Select(s => (s.Name, s.Colour)));
        for (var c = 0; c < categories.Count; c++)
        {
            var y = legendHeight + (c * rowHeight);
            Label(svg, categories[c], y + (BarHeight / 2));
            var x = LabelWidth;
            foreach (var segment in segments)
            {
                var value = segment.Values[c] ?? 0;
                if (value <= 0)
                {
                    continue;
                }

                var w = max == 0 ? 0 : value / max * plotWidth;
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BarHeight}\" fill=\"{segment.Colour}\">"))
                    .Append("<title>").Append(Encode($"{categories[c]} – {segment.Name}: {Number(value)}")).Append("</title></rect>");
                x += w;
            }

            svg.Append(Invariant($"<text x=\"{x + 4}\" y=\"{y + BarHeight - 3}\" font-size=\"11\">")).Append(Encode(Number(totals[c]))).Append("</text>");
        }

        return Close(svg);
    }

    /// <summary>Lines over a few points (years), one per series; a null value leaves a gap.</summary>
    public static IHtmlContent Lines(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        // Drawn narrower than the bar charts: it sits in a third of the page and its text must stay legible.
        const double width = 400;
        const double height = 240;
        const double left = 52;
        const double right = 20;
        const double bottom = 24;
        var plotTop = LegendHeight + 8;
        var plotHeight = height - plotTop - bottom;
        var plotWidth = width - left - right;
        var (max, step) = Axis(series.SelectMany(s => s.Values).Max(v => v ?? 0));
        var svg = Open(id, title, height, width);
        Legend(svg, series.Select(s => (s.Name, s.Colour)), left);

        double X(int i) => labels.Count == 1 ? left + (plotWidth / 2) : left + (i * plotWidth / (labels.Count - 1));
        double Y(double v) => plotTop + plotHeight - (max == 0 ? 0 : v / max * plotHeight);

        for (var value = 0.0; value <= max + (step / 2); value += step)
        {
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(value)}\" y2=\"{Y(value)}\" stroke=\"#dee2e6\" />"));
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{Y(value) + 4}\" font-size=\"11\" text-anchor=\"end\">")).Append(Encode(Number(value))).Append("</text>");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            svg.Append(Invariant($"<text x=\"{X(i)}\" y=\"{height - 6}\" font-size=\"11\" text-anchor=\"middle\">")).Append(Encode(labels[i])).Append("</text>");
        }

        foreach (var s in series)
        {
            var points = new StringBuilder();
            for (var i = 0; i < labels.Count; i++)
            {
                if (s.Values[i] is { } v)
                {
                    points.Append(Invariant($"{(points.Length == 0 ? "M" : " L")}{X(i)} {Y(v)}"));
                }
                else if (points.Length > 0)
                {
                    svg.Append(Invariant($"<path d=\"{points}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2\" />"));
                    points.Clear();
                }
            }

            if (points.Length > 0)
            {
                svg.Append(Invariant($"<path d=\"{points}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2\" />"));
            }

            for (var i = 0; i < labels.Count; i++)
            {
                if (s.Values[i] is { } v)
                {
                    svg.Append(Invariant($"<circle cx=\"{X(i)}\" cy=\"{Y(v)}\" r=\"3.5\" fill=\"{s.Colour}\">"))
                        .Append("<title>").Append(Encode($"{s.Name} {labels[i]}: {Number(v)}")).Append("</title></circle>");
                }
            }
        }

        return Close(svg);
    }

    /// <summary>
    /// A value axis for counts: a round step (1, 2 or 5 times a power of ten, at least 1) giving about
    /// four gridlines, and the first multiple of it at or above the largest value.
    /// </summary>
    public static (double Max, double Step) Axis(double value)
    {
        if (value <= 0)
        {
            return (1, 1);
        }

        var raw = value / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        step = Math.Max(1, step);
        return (Math.Ceiling(value / step) * step, step);
    }

    /// <summary>A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least the largest value.</summary>
    public static double NiceMax(double value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static StringBuilder Open(string id, string title, double height, double width = Width)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"{id}\" class=\"report-chart\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"system-ui, sans-serif\">"));
        svg.Append(Invariant($"<title id=\"{id}-title\">")).Append(Encode(title)).Append("</title>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Legend(StringBuilder svg, IEnumerable<(string Name, string Colour)> entries, double start = LabelWidth)
    {
        var x = start;
        var y = 8.0;
        var column = 0;
        foreach (var (name, colour) in entries)
        {
            if (column == 4)
            {
                column = 0;
                x = start;
                y += LegendHeight;
            }

            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{colour}\" />"));
            svg.Append(Invariant($"<text x=\"{x + 14}\" y=\"{y + 9}\" font-size=\"11\">")).Append(Encode(name)).Append("</text>");
            x += Math.Min(200, 24 + (name.Length * 6.2));
            column++;
        }
    }

    /// <summary>A category name at the left, shortened to fit (the full name stays in its title).</summary>
    private static void Label(StringBuilder svg, string text, double middle)
    {
        const int room = 34;
        var shown = text.Length > room ? text[..(room - 1)].TrimEnd() + "…" : text;
        svg.Append(Invariant($"<text x=\"{LabelWidth - 6}\" y=\"{middle + 4}\" font-size=\"11\" text-anchor=\"end\">"))
            .Append("<title>").Append(Encode(text)).Append("</title>").Append(Encode(shown)).Append("</text>");
    }

    private static string Number(double value) => Math.Round(value).ToString("N0", VietnameseText.Culture);

    private static string Encode(string text) => Encoder.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
