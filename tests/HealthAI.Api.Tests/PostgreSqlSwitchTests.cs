using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace HealthAI.Api.Tests;

/// <summary>
/// What a replica sees of a switch of primary, on a real server: its pooled connections are cut from under
/// it (the server ends them with 57P01, as a stopping or demoted primary does). Reads are served anyway
/// (the pool is cleared and the read retried), a write is either done or answered 503 + Retry-After, and the
/// replica goes on without a restart.
/// </summary>
public sealed class PostgreSqlSwitchTests(PostgreSqlFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connections_cut_by_the_server_cost_no_read_and_writes_never_answer_500()
    {
        var settings = await postgres.Engine.SettingsAsync();
        await using var replicas = new Replicas(1, settings);
        var client = replicas.Clients[0];
        var kept = await Documents.IngestAsync(client, Documents.Make("Sleep", "Adults need seven to nine hours of sleep."), Cancel);
        // Several connections in the pool, each about to be cut.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/api/search?q=sleep", Cancel)));

        var cut = await TerminateOtherBackendsAsync(settings["KnowledgeBase:ConnectionString"]!);
        var read = await client.GetAsync($"/api/documents/{kept}", Cancel);
        var search = await client.GetAsync("/api/search?q=sleep", Cancel);
        await TerminateOtherBackendsAsync(settings["KnowledgeBase:ConnectionString"]!);
        var write = await client.PostAsJsonAsync("/api/documents", Documents.Make("Water", "Thirst is a sign of dehydration."), Cancel);
        var next = await client.PostAsJsonAsync("/api/documents", Documents.Make("Salt", "Less salt lowers blood pressure."), Cancel);

        Assert.True(cut > 0, "no connection of the replica was cut");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.True(write.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"a write on a cut connection answered {(int)write.StatusCode}");
        if (write.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.NotNull(write.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    // What a primary going away does to its clients: every backend but this one ends with 57P01.
    private static async Task<int> TerminateOtherBackendsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
    }
}
