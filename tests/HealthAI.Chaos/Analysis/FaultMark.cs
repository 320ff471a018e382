namespace HealthAI.Chaos.Analysis;

/// <summary>Something a scenario did to the system, on the load's clock, for the timeline.</summary>
internal sealed record FaultMark(double AtSeconds, string Label);
