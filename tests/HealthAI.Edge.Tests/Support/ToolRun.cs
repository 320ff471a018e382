using System.Diagnostics;

namespace HealthAI.Edge.Tests.Support;

/// <summary>Runs a command-line tool to completion and captures what it printed.</summary>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    public static async Task<ToolRun> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }
}
