using HealthAI.Chaos.Analysis;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>One edge under steady load while a scenario does something to the system: the scenario's handle on the run.</summary>
internal sealed class FaultRun(ChaosContext context, string edge, OpenLoopLoad load, TimeSpan nominalDuration)
{
    private readonly List<FaultMark> _marks = [];

    public ChaosContext Context { get; } = context;

    public HealthAISystem System => Context.System;

    public string Edge { get; } = edge;

    public OpenLoopLoad Load { get; } = load;

    public IReadOnlyList<FaultMark> Marks => _marks;

    /// <summary>The run's planned length, which fault times are fractions of; the load goes on until the faults have played out.</summary>
    public TimeSpan NominalDuration { get; } = nominalDuration;

    /// <summary>Notes that <paramref name="label"/> happened now, on the load's clock.</summary>
    public TimeSpan Mark(string label) => Mark(label, Load.Elapsed);

    /// <summary>Notes that <paramref name="label"/> happened at <paramref name="at"/> on the load's clock.</summary>
    public TimeSpan Mark(string label, TimeSpan at)
    {
        lock (_marks)
        {
            _marks.Add(new FaultMark(at.TotalSeconds, label));
        }

        ChaosContext.Log($"  {Edge} +{at.TotalSeconds:F1}s {label}");
        return at;
    }

    /// <summary>Waits until <paramref name="fraction"/> of the planned duration has passed: faults scale with --quick.</summary>
    public Task AtAsync(double fraction, CancellationToken cancellationToken)
    {
        var wait = NominalDuration * fraction - Load.Elapsed;
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Waits until a request due after <paramref name="since"/> was served by <paramref name="replica"/>, and returns
    /// when it was due; null if that did not happen within <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilServedByAsync(string replica, TimeSpan since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Load.Elapsed + timeout;
        while (Load.Elapsed < deadline)
        {
            if (FirstServedBy(replica, since) is { } at)
            {
                return at;
            }

            await Task.Delay(100, cancellationToken);
        }

        return FirstServedBy(replica, since);
    }

    /// <summary>The outcomes of requests due from <paramref name="from"/> until <paramref name="to"/>, e.g. while a fault was on.</summary>
    public IReadOnlyList<LoadSample> SamplesDueBetween(TimeSpan from, TimeSpan to) =>
        [.. Load.Samples.Where(sample => sample.Intended >= from && sample.Intended < to)];

    /// <summary>When the first request due after <paramref name="since"/> that <paramref name="replica"/> served was due, if any.</summary>
    public TimeSpan? FirstServedBy(string replica, TimeSpan since) =>
        Load.Samples.Where(sample => sample.Intended > since && sample.Succeeded && sample.Instance == replica)
            .Select(sample => (TimeSpan?)sample.Intended)
            .Min();
}
