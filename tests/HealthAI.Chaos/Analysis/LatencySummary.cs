using HdrHistogram;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Analysis;

/// <summary>What a set of requests looked like to clients: counts, throughput and latency percentiles.</summary>
internal sealed record LatencySummary(int Sent, int Succeeded, int Failed, double ThroughputPerSecond, double P50Ms, double P99Ms, double MaxMs)
{
    // Microseconds up to a minute: well past any request timeout, at three significant digits.
    private const long HighestMicroseconds = 60_000_000;

    /// <summary>
    /// Summarises <paramref name="samples"/> offered over <paramref name="window"/>. Every request's latency
    /// counts, failed ones too: a fast 502 is cheap, but a refused connection retried for seconds is not.
    /// </summary>
    public static LatencySummary From(IReadOnlyCollection<LoadSample> samples, TimeSpan window)
    {
        var histogram = new LongHistogram(HighestMicroseconds, 3);
        foreach (var sample in samples)
        {
            histogram.RecordValue(Math.Clamp((long)(sample.Latency.TotalMicroseconds), 1, HighestMicroseconds));
        }

        var succeeded = samples.Count(sample => sample.Succeeded);
        return new LatencySummary(
            samples.Count,
            succeeded,
            samples.Count - succeeded,
            window > TimeSpan.Zero ? succeeded / window.TotalSeconds : 0,
            samples.Count == 0 ? 0 : histogram.GetValueAtPercentile(50) / 1000.0,
            samples.Count == 0 ? 0 : histogram.GetValueAtPercentile(99) / 1000.0,
            samples.Count == 0 ? 0 : histogram.GetMaxValue() / 1000.0);
    }
}
