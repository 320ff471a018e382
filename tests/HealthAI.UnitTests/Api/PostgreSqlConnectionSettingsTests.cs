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
}
