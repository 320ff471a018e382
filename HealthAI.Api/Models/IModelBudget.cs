namespace HealthAI.Api.Models;

/// <summary>The time and retry budget of calls to a remote model, chat or embedding alike (see <see cref="ModelPipeline"/>).</summary>
public interface IModelBudget
{
    /// <summary>The whole budget for one call, retries included.</summary>
    TimeSpan Timeout { get; }

    /// <summary>The budget of one attempt.</summary>
    TimeSpan AttemptTimeout { get; }

    /// <summary>Retries after a failed attempt, with exponential back-off and jitter.</summary>
    int MaxRetries { get; }

    /// <summary>How long the circuit stays open after the model keeps failing.</summary>
    TimeSpan BreakDuration { get; }
}
