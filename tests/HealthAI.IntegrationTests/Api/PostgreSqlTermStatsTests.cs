using Npgsql;

namespace HealthAI.Api.Tests;

// PostgreSQL's search takes each lexeme's chunk count from term_stats, which statement triggers keep in
// step with chunks (SQLite counts in its full-text index at query time, so it has nothing to drift).
public sealed class PostgreSqlTermStatsTests(PostgreSqlFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Term_counts_follow_the_chunks_through_ingest_and_delete()
    {
        var settings = await postgres.Engine.SettingsAsync();
        await using var api = new ApiFactory(settings);
        var client = api.CreateClient();
        var first = await Documents.IngestAsync(client, Documents.Make("Glaucoma", "Glaucoma damages the optic nerve."), Cancel);
        await Documents.IngestAsync(client, Documents.Make("Eye pressure", "Raised eye pressure can lead to glaucoma."), Cancel);

        // Stemmed as the index stems: "glaucoma" in both documents, "damag" in one.
        Assert.Equal(2, await ChunksHoldingAsync(settings, "glaucoma"));
        Assert.Equal(1, await ChunksHoldingAsync(settings, "damag"));

        (await client.DeleteAsync($"/api/documents/{first}", Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(1, await ChunksHoldingAsync(settings, "glaucoma"));
        Assert.Equal(0, await ChunksHoldingAsync(settings, "damag"));
        Assert.Equal(await ActualChunksHoldingAsync(settings, "pressur"), await ChunksHoldingAsync(settings, "pressur"));
    }

    private static async Task<long> ChunksHoldingAsync(IDictionary<string, string?> settings, string lexeme) =>
        await ScalarAsync(settings, "SELECT coalesce((SELECT chunks FROM term_stats WHERE lexeme = @lexeme), 0);", lexeme);

    private static async Task<long> ActualChunksHoldingAsync(IDictionary<string, string?> settings, string lexeme) =>
        await ScalarAsync(settings, "SELECT count(*) FROM chunks WHERE tsv @@ @lexeme::tsquery;", lexeme);

    private static async Task<long> ScalarAsync(IDictionary<string, string?> settings, string sql, string lexeme)
    {
        await using var connection = new NpgsqlConnection(settings["KnowledgeBase:ConnectionString"]);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("lexeme", lexeme);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
    }
}
