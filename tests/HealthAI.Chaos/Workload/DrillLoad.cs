using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// What a drill's main load sends, and what it checks once the load has stopped and the system is whole
/// again (for example that every acknowledged write is stored). The check returns its goal failures.
/// </summary>
internal sealed record DrillLoad(LoadMix Mix, Func<HealthAISystem, IReadOnlyList<LoadSample>, CancellationToken, Task<IReadOnlyList<string>>>? CheckAsync = null);
