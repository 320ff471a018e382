using System.Net;
using System.Net.Http.Json;
using HealthAI.ServiceDefaults;

namespace HealthAI.Api.Tests;

public sealed class ServiceInfoTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Root_names_the_service_its_version_and_the_replica()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["APP_INSTANCE"] = "3" });
        var client = api.CreateClient();

        var response = await client.GetAsync("/", Cancel);
        var info = await response.Content.ReadFromJsonAsync<ServiceInfo>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ServiceInfo("HealthAI", ReplicaVersion.Current, "healthai-app-3", "3"), info);
        Assert.Equal("healthai-app-3", Assert.Single(response.Headers.GetValues(ReplicaHeaders.Instance)));
    }

    [Fact]
    public async Task Unknown_routes_are_problem_details()
    {
        await using var api = new ApiFactory();

        var response = await api.CreateClient().GetAsync("/no/such/thing", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/health/detailed")]
    [InlineData("/monitoring/export")]
    public async Task The_default_endpoints_are_on_outside_development(string path)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["environment"] = "Production" });

        var response = await api.CreateClient().GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_replica_setting_fails_start_up_naming_the_key()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Replica:DrainPeriod"] = "-00:00:05" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Replica:DrainPeriod", error.ToString(), StringComparison.Ordinal);
    }
}
