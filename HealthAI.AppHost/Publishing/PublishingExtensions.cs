using Aspire.Hosting.Pipelines;
using HealthAI.AppHost.Publishing;
using HealthAI.AppHost.Publishing.Compose;
using HealthAI.AppHost.Publishing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Publishes HealthAI as docker compose and Kubernetes artifacts, from the same app model the run uses.</summary>
public static class PublishingExtensions
{
    /// <summary>The pipeline step's name.</summary>
    public const string StepName = "publish-healthai";

    /// <summary>
    /// Adds the publish step: <c>dotnet run --project HealthAI.AppHost -- --operation publish --step publish
    /// --output-path artifacts</c> writes <c>artifacts/compose</c> and <c>artifacts/k8s</c>, under <paramref name="settings"/>.
    /// </summary>
    public static IDistributedApplicationBuilder AddHealthAIPublishing(this IDistributedApplicationBuilder builder, HealthAI.AppHost.HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var appHostDirectory = builder.AppHostDirectory;
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            await PublishAsync(context.Model, settings, appHostDirectory, output, context.CancellationToken);
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    /// <summary>Writes both artifacts for <paramref name="model"/> into <paramref name="output"/>.</summary>
    public static async Task PublishAsync(DistributedApplicationModel model, HealthAI.AppHost.HealthAISettings settings, string appHostDirectory, string output, CancellationToken cancellationToken)
    {
        var topology = DeploymentTopologyFactory.Create(model, settings);
        await ComposeWriter.WriteAsync(Path.Combine(output, "compose"), topology, DeploymentFiles.For(topology, DeploymentTarget.Compose, appHostDirectory), cancellationToken);
        await KubernetesWriter.WriteAsync(Path.Combine(output, "k8s"), topology, DeploymentFiles.For(topology, DeploymentTarget.Kubernetes, appHostDirectory), cancellationToken);
    }
}
