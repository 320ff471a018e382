using HealthAI.Api.KnowledgeBase.Storage;
using Npgsql;

namespace HealthAI.Api.Tests;

public sealed class PostgreSqlConnectionSettingsTests
{
    [Fact]
    public void Pooled_connections_prepare_the_statements_they_run_most_and_stay_few_unless_the_connection_string_says_otherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder("Host=db;Database=kb;Username=api;Password=secret");
        var chosen = new NpgsqlConnectionStringBuilder("Host=db;Database=kb;Username=api;Password=secret;Max Auto Prepare=5;Maximum Pool Size=40");

        var pooled = PostgreSqlStore.Pooled(plain);

        Assert.Equal(PostgreSqlStore.AutoPreparedStatements, pooled.MaxAutoPrepare);
        Assert.Equal(PostgreSqlStore.ConnectionsPerServer, pooled.MaxPoolSize);
        Assert.Equal("secret", pooled.Password);
        Assert.Equal(0, plain.MaxAutoPrepare);
        Assert.Equal(5, PostgreSqlStore.Pooled(chosen).MaxAutoPrepare);
        Assert.Equal(40, PostgreSqlStore.Pooled(chosen).MaxPoolSize);
    }

    [Fact]
    public void Pooled_sessions_have_an_abandoned_transaction_ended_by_the_server_keeping_options_of_their_own()
    {
        var plain = new NpgsqlConnectionStringBuilder("Host=db;Database=kb;Username=api");
        var withOptions = new NpgsqlConnectionStringBuilder("Host=db;Database=kb;Username=api;Options=-c statement_timeout=5000");
        var chosen = new NpgsqlConnectionStringBuilder("Host=db;Database=kb;Username=api;Options=-c idle_in_transaction_session_timeout=30000");

        Assert.Equal("-c idle_in_transaction_session_timeout=1000", PostgreSqlStore.Pooled(plain).Options);
        Assert.Equal("-c statement_timeout=5000 -c idle_in_transaction_session_timeout=1000", PostgreSqlStore.Pooled(withOptions).Options);
        Assert.Equal("-c idle_in_transaction_session_timeout=30000", PostgreSqlStore.Pooled(chosen).Options);
    }
}
