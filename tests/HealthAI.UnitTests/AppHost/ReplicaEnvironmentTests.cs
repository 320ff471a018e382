using HealthAI.AppHost.Replicas;

namespace HealthAI.AppHost.Tests;

/// <summary>ReplicaEnvironment spells each replica variable once and marks every secret one.</summary>
public sealed class ReplicaEnvironmentTests
{
    [Fact]
    public void Every_variable_is_spelled_once()
    {
        var names = ReplicaEnvironment.All.Select(variable => variable.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_setting_shared_by_the_targets_is_a_plain_variable()
    {
        var settings = ReplicaEnvironment.Settings(
            new ReplicaSettings { BackupInterval = TimeSpan.FromHours(1), Model = new() { Endpoint = "http://localhost:11434/v1", Name = "llama3.2" } },
            new ReplicaNetworkAccess(["10.0.0.0/8", "127.0.0.1/32"], []),
            "/data",
            "/backups");

        Assert.All(settings.Keys, key => Assert.Equal(ReplicaVariableKind.Plain, ReplicaEnvironment.Find(key)?.Kind));
    }

    [Fact]
    public void Every_secret_parameter_feeds_a_secret_variable()
    {
        Assert.Equal(3, ReplicaEnvironment.Secrets.Count);
        Assert.All(ReplicaEnvironment.Secrets, secret => Assert.Equal(ReplicaVariableKind.Secret, ReplicaEnvironment.Find(secret.Key)?.Kind));
    }

    [Fact]
    public void A_list_variable_sets_its_elements_and_nothing_else()
    {
        var allowed = ReplicaEnvironment.Find(ReplicaEnvironment.AllowedNetworks)!;

        Assert.True(allowed.Sets(ReplicaEnvironment.AllowedNetworks + "__12"));
        Assert.False(allowed.Sets(ReplicaEnvironment.AllowedNetworks + "__x"));
        Assert.Null(ReplicaEnvironment.Find(ReplicaEnvironment.DataDirectory + "__0"));
    }
}
