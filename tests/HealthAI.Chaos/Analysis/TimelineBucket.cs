using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Analysis;

/// <summary>The requests due in one slice of a run: how many, how many failed, and their latency.</summary>
internal sealed record TimelineBucket(double StartSeconds, int Sent, int Failed, double P50Ms, double P99Ms, double MaxMs)
{
    public static readonly TimeSpan Width = TimeSpan.FromMilliseconds(250);

    /// <summary>Slices <paramref name="samples"/> by the time each request was due.</summary>
    public static IReadOnlyList<TimelineBucket> Slice(IEnumerable<LoadSample> samples) =>
    [
        .. samples
            .GroupBy(sample => (long)(sample.Intended / Width))
            .OrderBy(group => group.Key)
            .Select(group =>
            {
                var summary = LatencySummary.From([.. group], Width);
                return new TimelineBucket((Width * group.Key).TotalSeconds, summary.Sent, summary.Failed, summary.P50Ms, summary.P99Ms, summary.MaxMs);
            }),
    ];
}
