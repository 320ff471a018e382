using System.Diagnostics;
using System.Globalization;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// Runs PostgreSQL's own client tools (<c>pg_dump</c>, <c>pg_restore</c>) against the knowledge base's
/// server. The connection goes to them as libpq environment variables, so the password is never on a
/// command line; a multi-host connection string becomes libpq's host list with <c>read-write</c> targeting.
/// </summary>
internal sealed class PostgreSqlTools(IOptions<KnowledgeBaseOptions> options)
{
    /// <summary>Debian's location of the server's client tools, tried before PATH.</summary>
    public const string DebianDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>Runs <paramref name="tool"/> and answers what it wrote to standard output; a failure throws <see cref="PostgreSqlToolException"/>.</summary>
    public async Task<string> RunAsync(string tool, NpgsqlConnectionStringBuilder connection, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(PathOf(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(connection))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var written = await output;
        var said = (await errors).Trim();
        if (process.ExitCode != 0)
        {
            throw new PostgreSqlToolException(string.Create(CultureInfo.InvariantCulture, $"{tool} exited with {process.ExitCode}: {said}"));
        }

        return written;
    }

    private string PathOf(string tool)
    {
        var configured = options.Value.PostgreSqlTools;
        if (configured.Length > 0)
        {
            return Path.Combine(configured, tool);
        }

        var debian = Path.Combine(DebianDirectory, tool);
        return File.Exists(debian) ? debian : tool;
    }

    private static Dictionary<string, string> Environment(NpgsqlConnectionStringBuilder connection)
    {
        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var entry in (connection.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.LastIndexOf(':');
            var hasPort = colon > 0 && !entry.EndsWith(']') && entry.Count(c => c == ':') == 1;
            hosts.Add(hasPort ? entry[..colon] : entry);
            ports.Add(hasPort ? entry[(colon + 1)..] : connection.Port.ToString(CultureInfo.InvariantCulture));
        }

        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = string.Join(',', hosts),
            ["PGPORT"] = string.Join(',', ports),
            ["PGDATABASE"] = connection.Database ?? "",
            ["PGUSER"] = connection.Username ?? "",
            ["PGPASSWORD"] = connection.Password ?? "",
            ["PGCONNECT_TIMEOUT"] = connection.Timeout.ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "healthai-backup",
        };
        if (hosts.Count > 1)
        {
            environment["PGTARGETSESSIONATTRS"] = "read-write";
        }

        if (connection.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }

        return environment;
    }
}

/// <summary>A PostgreSQL client tool failed; what it said is the message.</summary>
internal sealed class PostgreSqlToolException(string message) : Exception(message);
