namespace HealthAI.Testing.Load;

/// <summary>
/// Hands out blocks of loopback source addresses that no earlier block used, so an edge's per-address
/// rate-limit state from one run never leaks into the next.
/// </summary>
public sealed class SourceAddresses(int firstSecondOctet)
{
    private int _next = firstSecondOctet;

    /// <summary><paramref name="count"/> addresses 127.N.x.y in a fresh /16.</summary>
    public IReadOnlyList<string> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 250 * 250);
        var block = Interlocked.Increment(ref _next) - 1;
        if (block > 254)
        {
            throw new InvalidOperationException("Out of loopback /16 blocks for source addresses.");
        }

        return [.. Enumerable.Range(0, count).Select(i => $"127.{block}.{i / 250}.{(i % 250) + 1}")];
    }
}
