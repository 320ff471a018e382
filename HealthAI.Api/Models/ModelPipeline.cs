using System.ClientModel;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HealthAI.Api.Models;

/// <summary>
/// The resilience around a model call, outermost first: a total budget, retries with jittered
/// exponential back-off, a circuit breaker that stops calling a model that keeps failing, and a
/// budget per attempt. Anything that escapes it turns into the extractive fallback.
/// </summary>
internal static class ModelPipeline
{
    public static ResiliencePipeline Create(IModelBudget options, TimeProvider clock)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(options.Timeout);
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                // An open circuit will not close within a back-off; retrying it only spends the budget.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(error => error is not (OperationCanceledException or BrokenCircuitException)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            });
        }

        return pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>A reason a person can read for why the model did not answer.</summary>
    public static string Describe(Exception error, IModelBudget options) => error switch
    {
        TimeoutRejectedException => $"the model did not answer within its time budget ({options.Timeout.TotalSeconds:0.#} s in all, {options.AttemptTimeout.TotalSeconds:0.#} s an attempt)",
        ClientResultException answered => $"the model endpoint answered HTTP {answered.Status}",
        BrokenCircuitException => "the model has been failing, so it is not being called for now",
        HttpRequestException => "the model endpoint could not be reached",
        _ => $"the model call failed ({error.GetType().Name})",
    };
}
