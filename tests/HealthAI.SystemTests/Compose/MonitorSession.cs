using System.Diagnostics;

namespace HealthAI.Compose.Tests;

/// <summary>
/// One <c>psql</c> session on the pg_auto_failover monitor, kept open for the drill's polls, so that
/// watching the switch does not take the CPU the stack needs during it (a process start per poll would). A session that breaks (the monitor restarted,
/// a poll unanswered) is dropped and the next poll opens another.
/// </summary>
internal sealed class MonitorSession : IAsyncDisposable
{
    private const string EndMark = "--end-of-answer--";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);
    private readonly string _container;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private Process? _psql;

    public MonitorSession(string container) => _container = container;

    /// <summary>The rows of <paramref name="query"/>, fields split on spaces; empty when the monitor did not answer.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var psql = _psql ??= Start();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AnswerTimeout);
            try
            {
                await psql.StandardInput.WriteLineAsync($"{query}\n\\echo {EndMark}".AsMemory(), timeout.Token);
                await psql.StandardInput.FlushAsync(timeout.Token);
                var rows = new List<string[]>();
                while (await psql.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line == EndMark)
                    {
                        return rows;
                    }

                    rows.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }

                // The session ended before its answer did (the monitor's container went away).
                Drop();
                return [];
            }
            catch (Exception error) when (error is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Drop();
                return [];
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private Process Start()
    {
        // Line-buffered: psql writing to a pipe would otherwise hold its answers until a block fills.
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        foreach (var argument in (string[])["exec", "-i", _container, "stdbuf", "-oL", "psql", "-X", "-q", "-At", "-F", " ", "-d", "pg_auto_failover"])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("docker exec did not start.");
    }

    private void Drop()
    {
        if (_psql is { } psql)
        {
            _psql = null;
            try
            {
                psql.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            psql.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        Drop();
        _turn.Dispose();
    }
}
