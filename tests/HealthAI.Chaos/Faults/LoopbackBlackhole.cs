using HealthAI.Testing;

namespace HealthAI.Chaos.Faults;

/// <summary>
/// Drops every packet to and from one loopback TCP port with an nftables rule (no RST, no ICMP): a cut or
/// black-holed network path. New connections hang in SYN, open ones stall. Only 127.0.0.1 and that port
/// are touched, and the table is removed on release, whatever happened in between.
/// </summary>
internal sealed class LoopbackBlackhole : IAsyncDisposable
{
    private readonly string _table;
    private bool _active;

    private LoopbackBlackhole(string table) => _table = table;

    public static async Task<LoopbackBlackhole> StartAsync(int port, CancellationToken cancellationToken)
    {
        var table = $"healthai_chaos_{port}";
        // Output hook: on loopback every packet passes it once, whichever end sent it.
        var rules = $$"""
            table inet {{table}} {
                chain output {
                    type filter hook output priority 0; policy accept;
                    ip daddr 127.0.0.1 tcp dport {{port}} drop
                    ip saddr 127.0.0.1 tcp sport {{port}} drop
                }
            }
            """;
        var result = await ToolRun.RunAsync("nft", ["-f", "-"], Path.GetTempPath(), standardInput: rules, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"nft could not add the drop rule (root and nftables are needed; scripts/install-host-packages.sh installs nftables): {result.Output}");
        }

        return new LoopbackBlackhole(table) { _active = true };
    }

    /// <summary>Removes the rule; not cancellable, so that an interrupted drill never leaves a port black-holed.</summary>
    public async Task ReleaseAsync()
    {
        if (!_active)
        {
            return;
        }

        var result = await ToolRun.RunAsync("nft", ["delete", "table", "inet", _table], Path.GetTempPath(), cancellationToken: CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"nft could not remove table {_table}: {result.Output}");
        }

        _active = false;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
