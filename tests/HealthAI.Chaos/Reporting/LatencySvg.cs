using System.Globalization;
using System.Net;
using System.Text;
using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Reporting;

/// <summary>
/// Latency over time, one panel per run: p50, p99 and max per 250 ms of due time on a log scale (a kill
/// turns milliseconds into seconds; a linear axis would flatten everything else), failed requests as red
/// marks along the bottom, and every fault as a labelled dashed line.
/// </summary>
internal static class LatencySvg
{
    private const double Width = 1000;
    private const double PanelHeight = 230;
    private const double Left = 60;
    private const double Right = 20;
    private const double Top = 34;
    private const double Bottom = 36;
    private const double MinMs = 0.1;

    public static async Task<string> WriteAsync(string path, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, Render(results), cancellationToken);
        return path;
    }

    public static string Render(IReadOnlyList<RunResult> results)
    {
        var svg = new StringBuilder();
        var height = 30 + (results.Count * PanelHeight);
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"10\" y=\"18\" font-size=\"13\">HealthAI chaos: latency from due time per 250 ms (log scale) — <tspan fill=\"#1f77b4\">p50</tspan> <tspan fill=\"#ff7f0e\">p99</tspan> <tspan fill=\"#999\">max</tspan> <tspan fill=\"#d62728\">failed</tspan>, dashed = fault</text>");
        for (var i = 0; i < results.Count; i++)
        {
            Panel(svg, results[i], 30 + (i * PanelHeight));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, RunResult result, double offsetY)
    {
        var buckets = TimelineBucket.Slice(result.Samples);
        // The axis spans what was sent: a plan's allowance for a slow recovery would squeeze the panel.
        var seconds = Math.Max(1, buckets.Count == 0 ? result.Plan.Duration.TotalSeconds : buckets[^1].StartSeconds + TimelineBucket.Width.TotalSeconds);
        var maxMs = Math.Max(10, buckets.Count == 0 ? 10 : buckets.Max(bucket => bucket.MaxMs));
        var decades = (int)Math.Ceiling(Math.Log10(maxMs / MinMs));
        var plotTop = offsetY + Top;
        var plotHeight = PanelHeight - Top - Bottom;
        var plotWidth = Width - Left - Right;
        double X(double t) => Left + (t / seconds * plotWidth);
        double Y(double ms) => plotTop + plotHeight - (Math.Log10(Math.Max(ms, MinMs) / MinMs) / decades * plotHeight);

        var s = result.Summary;
        var title = string.Create(CultureInfo.InvariantCulture, $"{result.Scenario} / {result.Target}: {s.Sent} sent, {s.Failed} failed, p50 {s.P50Ms:0.0} ms, p99 {s.P99Ms:0.0} ms, max {s.MaxMs:0} ms — {(result.Passed ? "PASS" : "FAIL")}");
        Append(svg, $"<text x=\"{Left}\" y=\"{offsetY + 20}\" font-size=\"12\" font-weight=\"bold\" fill=\"{(result.Passed ? "#222" : "#d62728")}\">{Escape(title)}</text>");
        Append(svg, $"<rect x=\"{Left}\" y=\"{plotTop}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#ccc\"/>");
        for (var decade = 0; decade <= decades; decade++)
        {
            var ms = MinMs * Math.Pow(10, decade);
            Append(svg, $"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Y(ms):0.#}\" y2=\"{Y(ms):0.#}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{Left - 4}\" y=\"{Y(ms) + 4:0.#}\" text-anchor=\"end\">{ms:0.###} ms</text>");
        }

        var step = seconds > 40 ? 10 : seconds > 10 ? 5 : 1;
        for (var t = 0; t <= seconds; t += step)
        {
            Append(svg, $"<text x=\"{X(t):0.#}\" y=\"{plotTop + plotHeight + 14}\" text-anchor=\"middle\">{t} s</text>");
        }

        Line(svg, buckets.Select(b => (X(b.StartSeconds), Y(b.MaxMs))), "#999", 1);
        Line(svg, buckets.Select(b => (X(b.StartSeconds), Y(b.P99Ms))), "#ff7f0e", 1.5);
        Line(svg, buckets.Select(b => (X(b.StartSeconds), Y(b.P50Ms))), "#1f77b4", 1.5);
        foreach (var bucket in buckets.Where(bucket => bucket.Failed > 0))
        {
            Append(svg, $"<rect x=\"{X(bucket.StartSeconds):0.#}\" y=\"{plotTop + plotHeight - 8}\" width=\"{Math.Max(2, X(TimelineBucket.Width.TotalSeconds) - Left):0.#}\" height=\"8\" fill=\"#d62728\"><title>{bucket.Failed} failed</title></rect>");
        }

        for (var i = 0; i < result.Marks.Count; i++)
        {
            var mark = result.Marks[i];
            var x = X(mark.AtSeconds);
            Append(svg, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{plotTop}\" y2=\"{plotTop + plotHeight}\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>");
            // Staggered so that marks a moment apart stay legible.
            Append(svg, $"<text x=\"{x + 3:0.#}\" y=\"{plotTop + 10 + (i % 4 * 11)}\" fill=\"#555\">{Escape(mark.Label)}</text>");
        }
    }

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Y)> points, string colour, double width)
    {
        var list = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
        if (list.Length > 0)
        {
            Append(svg, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" points=\"{list}\"/>");
        }
    }

    // Numbers in SVG attributes must use '.', whatever the machine's culture.
    private static void Append(StringBuilder svg, FormattableString line) => svg.AppendLine(FormattableString.Invariant(line));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
