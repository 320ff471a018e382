using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HealthAI.AppHost.Tests;

/// <summary>Starts and stops the real tools the monitoring tests run on the host, and reads their expositions.</summary>
internal static partial class HostTools
{
    public static Process Start(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        // Drained so that a chatty tool never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The whole tree: nginx's workers hold the listening socket and would keep answering without their master.
    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>The body of <paramref name="url"/> once <paramref name="done"/> accepts it, within 20 s.</summary>
    public static async Task<string> UntilAsync(HttpClient http, string url, Func<string, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync(url, cancellationToken);
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{url} did not answer as expected within 20 s; last answer:\n{last}");
    }

    /// <summary>Every sample of <paramref name="exposition"/> whose name starts with <paramref name="prefix"/>: series (name and labels as written) to value.</summary>
    public static Dictionary<string, string> Samples(string exposition, string prefix) =>
        exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(match => match.Groups["series"].Value, match => match.Groups["value"].Value, StringComparer.Ordinal);

    [GeneratedRegex("^(?<series>(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{[^}]*\\})?) (?<value>[^ ]+)")]
    private static partial Regex Sample();
}
