using HealthAI.Api.Models;

namespace HealthAI.Api.Ask;

/// <summary>
/// An optional OpenAI-compatible chat endpoint for <c>/api/ask</c>. Section <c>Model</c>. Without an
/// endpoint the API answers extractively, from the retrieved sentences alone.
/// </summary>
public sealed class ModelOptions : IModelBudget
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = ModelSection.Name;

    /// <summary>The API base, including its version path (e.g. <c>http://localhost:11434/v1</c>); empty turns the model off.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The bearer key, if the endpoint wants one.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The model name the endpoint serves.</summary>
    public string Name { get; set; } = "";

    /// <summary>The whole budget for a model answer, retries included; after it the extractive answer is given.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The budget of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a failed attempt, with exponential back-off and jitter.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>How long the circuit stays open after the model keeps failing; answers are extractive meanwhile.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Model calls one replica may have in flight; a question past them is answered 503 with <c>Retry-After</c>
    /// (no queue). Extractive answers are not counted.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Whether a model endpoint is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
