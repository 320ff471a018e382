namespace HealthAI.Contracts;

/// <summary>The bounds of <c>POST /api/ask</c> that the edges enforce before the API does.</summary>
public static class AskContract
{
    /// <summary>The largest question body the API accepts.</summary>
    public const int MaxBodyBytes = 16 * 1024;
}
