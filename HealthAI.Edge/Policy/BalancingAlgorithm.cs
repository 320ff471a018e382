namespace HealthAI.Edge.Policy;

/// <summary>How requests are spread over the available primaries.</summary>
public enum BalancingAlgorithm
{
    /// <summary>The upstream with the fewest active requests: RAG answers vary in cost by orders of magnitude.</summary>
    LeastConnections,

    /// <summary>Each upstream in turn.</summary>
    RoundRobin,
}
