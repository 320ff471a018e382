namespace HealthAI.Chaos.Workload;

/// <summary>What the main load of every scenario sends (<c>--load</c>).</summary>
internal enum LoadShape
{
    /// <summary>Searches, questions, idempotent ingests and a few <c>GET /</c>: what the service is for.</summary>
    Mixed,

    /// <summary><c>GET /</c> only: the edge and replica plumbing without the knowledge base.</summary>
    Root,
}
