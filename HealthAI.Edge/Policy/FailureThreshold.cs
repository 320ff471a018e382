namespace HealthAI.Edge.Policy;

/// <summary>How many failed requests take an upstream out of rotation, and for how long.</summary>
/// <param name="MaxFails">Failures within <paramref name="FailTimeout"/> that mark the upstream unavailable (0 disables).</param>
/// <param name="FailTimeout">Window for counting failures, and how long the upstream then stays out.</param>
public sealed record FailureThreshold(int MaxFails, TimeSpan FailTimeout);
