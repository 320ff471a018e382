namespace HealthAI.Contracts;

/// <summary>The API's <c>Model</c> section (the language model that phrases answers): its name and the keys the AppHost sets.</summary>
public static class ModelSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "Model";

    /// <summary>The model's endpoint; empty: extractive answers only.</summary>
    public const string Endpoint = "Endpoint";

    /// <summary>The model's name.</summary>
    public const string ModelName = "Name";

    /// <summary>The model's whole budget.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The model's budget per attempt.</summary>
    public const string AttemptTimeout = "AttemptTimeout";
}
