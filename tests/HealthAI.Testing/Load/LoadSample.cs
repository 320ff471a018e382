namespace HealthAI.Testing.Load;

/// <summary>
/// One request's fate. <see cref="Latency"/> runs from the time the request was due, not the time it was
/// sent, so a stalled sender shows as latency instead of vanishing (coordinated omission).
/// </summary>
public sealed record LoadSample(TimeSpan Intended, TimeSpan Latency, int Status, string? Instance, string? Error, int Client)
{
    public bool Succeeded => Status == 200;

    public TimeSpan Completed => Intended + Latency;
}
