namespace HealthAI.Api.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("KnowledgeBase:MaxDocumentBytes", "12")]
    [InlineData("KnowledgeBase:ChunkCharacters", "10")]
    [InlineData("Backups:AdminToken", "short")]
    [InlineData("KnowledgeBase:EditorToken", "short")]
    [InlineData("KnowledgeBase:IdempotencyRetention", "01:00:00")]
    [InlineData("Backups:Retention:Newest", "0")]
    [InlineData("Backups:Retention:DailyDays", "-1")]
    [InlineData("Backups:Schedule:Interval", "00:00:00.1")]
    [InlineData("Model:Endpoint", "ftp://model.example")]
    [InlineData("Model:AttemptTimeout", "00:05:00")]
    [InlineData("Model:MaxConcurrentCalls", "0")]
    [InlineData("Embeddings:Provider", "OpenAI")]
    [InlineData("Embeddings:Dimensions", "768")]
    [InlineData("Embeddings:BatchSize", "0")]
    [InlineData("Embeddings:BackgroundThreads", "0")]
    [InlineData("Embeddings:ClaimHold", "00:00:01")]
    [InlineData("Embeddings:MinSimilarity", "2")]
    [InlineData("Embeddings:SemanticWeight", "0")]
    [InlineData("Embeddings:PollInterval", "00:00:00")]
    public async Task A_bad_setting_fails_start_up_naming_the_key(string key, string value)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { [key] = value, ["Model:Name"] = "m" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData(Replicas.AdminToken)]
    public async Task Backups_do_not_start_without_a_manifest_key_of_their_own(string key)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Backups:AdminToken"] = Replicas.AdminToken, ["Backups:ManifestKey"] = key });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Backups:ManifestKey", error.ToString(), StringComparison.Ordinal);
    }
}
