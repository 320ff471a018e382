namespace HealthAI.Testing.Load;

/// <summary>
/// One kind of request in a <see cref="LoadMix"/>: its name (for latency per type), its share of the
/// load, and how to build request number <c>i</c> against the plan's target (a base address).
/// </summary>
/// <param name="Name">e.g. <c>search</c>; reported with every sample.</param>
/// <param name="Weight">Relative share: weights 70, 15, 10, 5 make 70 %, 15 %, 10 %, 5 %.</param>
/// <param name="Create">Builds a fresh request (requests are single-use) from the target and the request's index.</param>
public sealed record LoadRequestKind(string Name, int Weight, Func<Uri, long, HttpRequestMessage> Create);
