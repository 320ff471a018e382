using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthAI.Chaos.Throughput;

/// <summary>What one wrk run measured: requests per second, and the requests that did not get a 2xx or 3xx.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long Non2xx, long SocketErrors, string Output)
{
    public long Failed => Non2xx + SocketErrors;
}

/// <summary>
/// Runs wrk (closed loop, keep-alive connections, as many requests as the system answers) against one URL. wrk
/// accepts the edge's self-signed certificate, as a load tool should, and reuses each TLS session.
/// </summary>
internal static partial class Wrk
{
    public const string Command = "wrk";

    public static async Task<WrkResult> RunAsync(Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s",
            "--timeout", "5s",
            url.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        if (process.ExitCode != 0 || RequestsPerSecond().Match(text) is not { Success: true } rate || Totals().Match(text) is not { Success: true } totals)
        {
            throw new InvalidOperationException($"{Command} against {url} failed (exit {process.ExitCode}): {text}{await error}");
        }

        var socketErrors = SocketErrors().Match(text) is { Success: true } errors
            ? errors.Groups.Values.Skip(1).Sum(group => long.Parse(group.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(totals.Groups[1].Value, CultureInfo.InvariantCulture),
            Non2xx().Match(text) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors,
            text);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in ")]
    private static partial Regex Totals();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();
}
