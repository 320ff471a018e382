using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class ReplicaOptionsTests
{
    [Theory]
    [InlineData("Replica:DrainPeriod", "-00:00:01", "Replica:DrainPeriod")]
    [InlineData("Replica:DrainPeriod", "01:00:00", "Replica:DrainPeriod")]
    [InlineData("Replica:InFlightGracePeriod", "00:00:00", "Replica:InFlightGracePeriod")]
    [InlineData("APP_INSTANCE", "../etc", "APP_INSTANCE")]
    [InlineData("APP_INSTANCE", "", "APP_INSTANCE")]
    public async Task A_bad_setting_stops_start_up_with_an_error_naming_its_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestReplica.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_duration_names_its_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestReplica.StartAsync(settings: new Dictionary<string, string?> { ["Replica:DrainPeriod"] = "soon" }));

        Assert.Contains("Replica:DrainPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_replica_name_comes_from_its_instance()
    {
        Assert.Equal("healthai-app-3", new ReplicaOptions { Instance = "3" }.Name);
        Assert.Equal("healthai-app-backup", new ReplicaOptions { Instance = "backup" }.Name);
    }
}
