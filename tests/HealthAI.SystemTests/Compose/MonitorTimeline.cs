using System.Globalization;

namespace HealthAI.Compose.Tests;

/// <summary>
/// Each change of the monitor's view of the nodes (reported and goal state), with the drill clock's time, so that
/// a failed request can be placed in the switch: the promotion, the old primary's rewind, or its return as standby.
/// </summary>
internal sealed class MonitorTimeline
{
    private readonly List<(TimeSpan At, string Node, string Reported, string Goal)> _changes = [];
    private readonly Dictionary<string, (string Reported, string Goal)> _last = new(StringComparer.Ordinal);

    public void Observe(TimeSpan at, IEnumerable<(string Node, string Reported, string Goal)> nodes)
    {
        foreach (var (node, reported, goal) in nodes)
        {
            if (!_last.TryGetValue(node, out var last) || last != (reported, goal))
            {
                _last[node] = (reported, goal);
                _changes.Add((at, node, reported, goal));
            }
        }
    }

    /// <summary>One line per change, times from <paramref name="origin"/> (the kill).</summary>
    public string Describe(TimeSpan origin) => string.Join("\n", _changes.Select(c => string.Create(CultureInfo.InvariantCulture,
        $"  {(c.At - origin).TotalSeconds,6:0.0} s  {c.Node} reported {c.Reported}, goal {c.Goal}")));
}
