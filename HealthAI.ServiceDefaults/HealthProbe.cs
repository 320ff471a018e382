namespace HealthAI.ServiceDefaults;

/// <summary>
/// <c>HealthAI.Api --probe URL</c>: asks a URL (the replica's own <c>/readyz</c>) and exits 0 on 2xx,
/// 1 otherwise. The ASP.NET runtime image has no curl or wget, so container health checks run the
/// service's own binary instead (the seed's compose healthcheck called a curl that is not there).
/// </summary>
public static class HealthProbe
{
    private const string Flag = "--probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether the arguments ask for a probe, and of which URL.</summary>
    public static bool IsRequested(string[] args, out Uri target)
    {
        ArgumentNullException.ThrowIfNull(args);
        target = null!;
        return args.Length == 2 && args[0] == Flag && Uri.TryCreate(args[1], UriKind.Absolute, out target!) && target.Scheme is "http" or "https";
    }

    /// <summary>Probes <paramref name="target"/>; the process exit code.</summary>
    public static async Task<int> RunAsync(Uri target)
    {
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(target);
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {target}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{target}: {error.Message}");
            return 1;
        }
    }
}
