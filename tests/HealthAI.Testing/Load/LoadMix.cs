namespace HealthAI.Testing.Load;

/// <summary>
/// What an open-loop load sends: weighted request kinds. Request i's kind is a fixed function of i, so a
/// run is repeatable, and it is scrambled rather than cyclic, so kinds never march in lock-step with the
/// round-robin over clients (with 20 clients and a cycle of 20, one client would send every write).
/// </summary>
public sealed class LoadMix
{
    /// <summary>The kind name of a bare <c>GET</c> of the target.</summary>
    public const string RootKind = "root";

    private readonly LoadRequestKind[] _kinds;
    private readonly long _totalWeight;

    public LoadMix(IReadOnlyList<LoadRequestKind> kinds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        if (kinds.Any(kind => kind.Weight <= 0))
        {
            throw new ArgumentException("Every kind needs a positive weight.", nameof(kinds));
        }

        _kinds = [.. kinds];
        _totalWeight = kinds.Sum(kind => (long)kind.Weight);
    }

    /// <summary><c>GET</c> of the plan's target and nothing else: the load every plan had before mixes.</summary>
    public static LoadMix Root { get; } = new([new LoadRequestKind(RootKind, 1, (target, _) => new HttpRequestMessage(HttpMethod.Get, target))]);

    public IReadOnlyList<LoadRequestKind> Kinds => _kinds;

    /// <summary>The kind request <paramref name="index"/> is.</summary>
    public LoadRequestKind Pick(long index)
    {
        var point = (long)(Scramble((ulong)index) % (ulong)_totalWeight);
        foreach (var kind in _kinds)
        {
            if (point < kind.Weight)
            {
                return kind;
            }

            point -= kind.Weight;
        }

        return _kinds[^1];
    }

    /// <summary>A well-mixed, repeatable number for <paramref name="index"/> (SplitMix64's finaliser), for kinds and for their own choices.</summary>
    public static ulong Scramble(ulong index)
    {
        var z = index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
