using System.Net;
using System.Net.Http.Json;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthAI.Api.Tests;

/// <summary>
/// What a replica sees of a switch of primary, on a real server: its pooled connections are cut from under
/// it (the server ends them with 57P01, as a stopping or demoted primary does). Reads are served anyway
/// (Npgsql drops the broken connections and the read is retried), a write is either done or answered 503 + Retry-After, and the
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

    [Fact]
    public async Task A_read_goes_through_when_npgsql_holds_every_host_as_offline()
    {
        var settings = await postgres.Engine.SettingsAsync();
        var live = new NpgsqlConnectionStringBuilder(settings["KnowledgeBase:ConnectionString"]);
        // The live server and a host that refuses connections, whose offline marks last a minute: once a failure has
        // marked both, a read within the minute goes through only if the store has Npgsql try them again.
        settings["KnowledgeBase:ConnectionString"] = new NpgsqlConnectionStringBuilder(live.ConnectionString)
        {
            Host = $"{live.Host}:{live.Port},127.0.0.1:{ModelStandIn.FreePort()}",
            HostRecheckSeconds = 60,
        }.ConnectionString;
        await using var replicas = new Replicas(1, settings);
        var client = replicas.Clients[0];
        var kept = await Documents.IngestAsync(client, Documents.Make("Folate", "Folate before pregnancy prevents neural tube defects."), Cancel);

        var cut = await TerminateOtherBackendsAsync(live.ConnectionString);
        var read = await client.GetAsync($"/api/documents/{kept}", Cancel);

        Assert.True(cut > 0, "no connection of the replica was cut");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_slow_read_is_not_run_twice_on_the_only_live_server()
    {
        var settings = await postgres.Engine.SettingsAsync();
        var live = new NpgsqlConnectionStringBuilder(settings["KnowledgeBase:ConnectionString"]);
        // The live server and a host that refuses connections: the hedge of a read that outlasts the hedge delay finds
        // no standby, and Npgsql hands it the live server, where the first attempt is still running.
        var options = new KnowledgeBaseOptions
        {
            Engine = KnowledgeBaseEngine.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(live.ConnectionString) { Host = $"{live.Host}:{live.Port},127.0.0.1:{ModelStandIn.FreePort()}" }.ConnectionString,
        };
        await using var store = new PostgreSqlStore(Options.Create(options), NullLogger<PostgreSqlStore>.Instance);
        // The first read migrates the schema and opens the pool; a hedge of a first attempt still connecting reads at once.
        await store.ReadAsync((_, _) => Task.FromResult(0), Cancel);
        var runs = 0;

        var answer = await store.ReadAsync(async (connection, token) =>
        {
            Interlocked.Increment(ref runs);
            await using var command = connection.Command("SELECT pg_sleep(2);");
            await command.ExecuteNonQueryAsync(token);
            return "slept";
        }, Cancel);

        Assert.Equal("slept", answer);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Giving_up_on_a_read_from_a_vanished_server_does_not_wait_for_its_cancel_request()
    {
        var settings = await postgres.Engine.SettingsAsync();
        var live = new NpgsqlConnectionStringBuilder(settings["KnowledgeBase:ConnectionString"]);
        await using var relay = new VanishingServerRelay(live.Host!, live.Port);
        // Npgsql's cancel request to the vanished server waits out this connect timeout, twice with GSS encryption "prefer".
        const int connectTimeoutSeconds = 5;
        var options = new KnowledgeBaseOptions
        {
            Engine = KnowledgeBaseEngine.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(live.ConnectionString)
            {
                Host = "127.0.0.1",
                Port = relay.Port,
                Timeout = connectTimeoutSeconds,
            }.ConnectionString,
        };
        await using var store = new PostgreSqlStore(Options.Create(options), NullLogger<PostgreSqlStore>.Instance);
        await store.ReadAsync((_, _) => Task.FromResult(0), Cancel);
        using var giveUp = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = store.ReadAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT pg_sleep(60);");
            var running = command.ExecuteNonQueryAsync(token);
            started.SetResult();
            return await running;
        }, giveUp.Token);
        await started.Task.WaitAsync(Cancel);
        await relay.VanishAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        giveUp.Cancel();
        var cancelled = clock.Elapsed;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(connectTimeoutSeconds), Cancel));
        var released = clock.Elapsed;

        // Either wait is a connect timeout when the cancel request is sent on the caller's thread.
        Assert.True(cancelled < TimeSpan.FromSeconds(2), $"cancelling the read took {cancelled.TotalSeconds:0.0} s");
        Assert.True(released < TimeSpan.FromSeconds(2), $"the cancelled read let its caller go after {released.TotalSeconds:0.0} s");
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
