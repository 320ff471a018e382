using Aspire.Hosting.Testing;
using HealthAI.AppHost.Publishing;

namespace HealthAI.AppHost.Tests;

/// <summary>The Kubernetes autoscaling and compute settings are checked before anything is published.</summary>
public sealed class KubernetesPublishSettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_Kubernetes_publish_knob_is_named_by_its_key()
    {
        string[] bad =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Publish:Kubernetes:MinReplicas=0",
            "HealthAI:Publish:Kubernetes:MaxReplicas=-1",
            "HealthAI:Publish:Kubernetes:ApiCpuRequest=quarter",
            "HealthAI:Publish:Kubernetes:ApiMemoryLimit=1GB",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        var message = error.ToString();
        Assert.Contains("HealthAI:Publish:Kubernetes:MinReplicas must be at least 1; got 0.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:MaxReplicas must be at least HealthAI:Publish:Kubernetes:MinReplicas (0); got -1.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:ApiCpuRequest must be a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi; got 'quarter'.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:ApiMemoryLimit must be a Kubernetes quantity", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250m", true)]
    [InlineData("1", true)]
    [InlineData("1.5", true)]
    [InlineData("512Mi", true)]
    [InlineData("2G", true)]
    [InlineData("1e3", true)]
    [InlineData("", false)]
    [InlineData("1GB", false)]
    [InlineData("-1", false)]
    [InlineData("quarter", false)]
    public void A_quantity_is_read_as_the_API_server_reads_it(string quantity, bool valid) =>
        Assert.Equal(valid, KubernetesQuantity.IsValid(quantity));
}
