using Aspire.Hosting.Testing;
using HealthAI.AppHost.Publishing;

namespace HealthAI.AppHost.Tests;

/// <summary><c>HealthAI:Publish:Registry</c> qualifies the project's image names, and a bad one stops the AppHost.</summary>
public sealed class ImageRegistryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registry_with_a_scheme_is_named_by_its_key()
    {
        string[] bad = ["HealthAI:Runtime=HostProcess", "HealthAI:Publish:Registry=https://registry.example.com"];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        Assert.Contains("HealthAI:Publish:Registry must be empty or a registry such as registry.example.com:5000", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "healthai/api:1.0.0", "healthai/api:1.0.0")]
    [InlineData("registry.example.com:5000", "healthai/api:1.0.0", "registry.example.com:5000/healthai/api:1.0.0")]
    [InlineData("registry.example.com:5000/", "healthai/api:1.0.0", "registry.example.com:5000/healthai/api:1.0.0")]
    [InlineData("registry.example.com:5000", "docker.io/grafana/grafana-oss:11.6.1", "docker.io/grafana/grafana-oss:11.6.1")]
    [InlineData("registry.example.com:5000", "localhost/healthai/api:1.0.0", "localhost/healthai/api:1.0.0")]
    [InlineData("registry.example.com:5000", "busybox:1.36", "registry.example.com:5000/busybox:1.36")]
    public void The_registry_qualifies_only_names_that_name_none(string registry, string image, string expected) =>
        Assert.Equal(expected, ImageRegistry.Qualify(registry, image));
}
