namespace HealthAI.Edge.Policy;

/// <summary>
/// Files of the edge when it runs as a host process. Everything lives under one run directory the process
/// can write, so nginx and HAProxy run without root and never touch <c>/var/lib/nginx</c> or <c>/run</c>.
/// The directory must exist; nginx creates its temp subdirectories itself.
/// </summary>
/// <param name="RunDirectory">Absolute, writable directory (also nginx's <c>-p</c> prefix).</param>
public sealed record EdgeHostPaths(string RunDirectory)
{
    /// <summary>nginx access log; null writes to standard output.</summary>
    public string? AccessLogFile { get; init; } = RunDirectory + "/access.log";

    /// <summary>nginx error log; null writes to standard error.</summary>
    public string? ErrorLogFile { get; init; } = RunDirectory + "/error.log";

    /// <summary>Pid file of the given tool (e.g. <c>nginx</c>, <c>haproxy</c>).</summary>
    public string PidFile(string tool) => $"{RunDirectory}/{tool}.pid";

    /// <summary>nginx temp directory of the given kind (<c>client_body</c>, <c>proxy</c>, ...).</summary>
    public string TempDirectory(string kind) => $"{RunDirectory}/{kind}_temp";

    /// <summary>Default static directory: <c>static</c> under the run directory.</summary>
    public string DefaultStaticDirectory => RunDirectory + "/static";
}
