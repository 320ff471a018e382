using HealthAI.Api.KnowledgeBase.Storage;
using Npgsql;

namespace HealthAI.Api.Tests;

// Every ingest updates the shared lexeme counts (term_stats): a replica frozen in the middle of one must not hold
// those rows, and with them every other replica's writes, for as long as it stays frozen.
public sealed class PostgreSqlAbandonedWriteTests(PostgreSqlFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transaction_its_replica_abandoned_is_ended_by_the_server_and_the_next_write_goes_through()
    {
        var settings = await postgres.Engine.SettingsAsync();
        await using var api = new ApiFactory(settings);
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Glaucoma", "Glaucoma damages the optic nerve."), Cancel);

        // A replica's own session (its pooled settings), frozen while it holds the row every glaucoma ingest updates.
        var replicaSession = PostgreSqlStore.Pooled(new NpgsqlConnectionStringBuilder(settings["KnowledgeBase:ConnectionString"]));
        replicaSession.Pooling = false;
        await using var frozen = new NpgsqlConnection(replicaSession.ConnectionString);
        await frozen.OpenAsync(Cancel);
        await using var transaction = await frozen.BeginTransactionAsync(Cancel);
        await using (var hold = new NpgsqlCommand("UPDATE term_stats SET chunks = chunks WHERE lexeme = 'glaucoma';", frozen, transaction))
        {
            Assert.Equal(1, await hold.ExecuteNonQueryAsync(Cancel));
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bounded.CancelAfter(TimeSpan.FromSeconds(15));
        var id = await Documents.IngestAsync(client, Documents.Make("Eye pressure", "Raised eye pressure can lead to glaucoma."), bounded.Token);

        Assert.False(string.IsNullOrEmpty(id));
        // The server ended the abandoned session: the frozen replica's next statement finds it gone.
        await using var next = new NpgsqlCommand("SELECT 1;", frozen, transaction);
        await Assert.ThrowsAnyAsync<Exception>(() => next.ExecuteScalarAsync(Cancel));
    }
}
