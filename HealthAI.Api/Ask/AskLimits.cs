namespace HealthAI.Api.Ask;

/// <summary>What <c>POST /api/ask</c> accepts; public so that the edges refuse larger questions before reading them.</summary>
public static class AskLimits
{
    /// <summary>The largest question body: 16 KiB.</summary>
    public const int MaxBodyBytes = AskContract.MaxBodyBytes;
}
