using System.Net;
using HealthAI.AppHost.Publishing;
using HealthAI.Edge.Policy;

namespace HealthAI.AppHost;

/// <summary>Checks <see cref="HealthAISettings"/> once, each problem naming the configuration key to fix.</summary>
internal static class HealthAISettingsValidator
{
    private static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRouteTimeout = TimeSpan.FromHours(1);
    private const int MaxTries = 10;

    private static readonly TimeSpan MaxModelTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Every problem of <paramref name="settings"/>; <paramref name="publishing"/> adds the checks only a deployment needs.</summary>
    public static IReadOnlyList<string> Validate(HealthAISettings settings, bool publishing = false)
    {
        var errors = new List<string>();
        var replicas = settings.Replicas;
        // The switch lets any client hold a replica, fail its readiness or kill it after a write: drills only.
        Require(errors, !(publishing && replicas.FaultInjection),
            $"{Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.FaultInjection))} must be false when publishing: it turns on the replicas' test-only " +
            $"{Replicas.ReplicaEnvironment.FaultInjection.Replace("__", ":", StringComparison.Ordinal)} (per-request delays, crashes after writes, /faults), which is for the local run and failure drills only; got true.");
        Require(errors, replicas.BackupInterval == TimeSpan.Zero || (replicas.BackupInterval >= TimeSpan.FromSeconds(1) && replicas.BackupInterval <= TimeSpan.FromDays(7)),
            $"{Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.BackupInterval))} must be 00:00:00 (off) or between 00:00:01 and 7.00:00:00; got {replicas.BackupInterval}.");
        Require(errors, replicas.DrainPeriod >= TimeSpan.Zero && replicas.DrainPeriod <= MaxDrain,
            $"{Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.DrainPeriod))} must be between 00:00:00 and {MaxDrain}; got {replicas.DrainPeriod}.");
        Require(errors, replicas.InFlightGracePeriod >= TimeSpan.Zero && replicas.InFlightGracePeriod <= MaxDrain,
            $"{Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.InFlightGracePeriod))} must be between 00:00:00 and {MaxDrain}; got {replicas.InFlightGracePeriod}.");

        var publish = settings.Publish;
        Require(errors, System.Text.RegularExpressions.Regex.IsMatch(publish.ComposeLogMaxSize, "^[1-9][0-9]*[kmg]$"),
            $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.ComposeLogMaxSize))} must be a size such as 500k, 10m or 1g; got '{publish.ComposeLogMaxSize}'.");
        Require(errors, publish.ComposeLogFiles is >= 1 and <= 100,
            $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.ComposeLogFiles))} must be between 1 and 100; got {publish.ComposeLogFiles}.");

        var kubernetes = publish.Kubernetes;
        Require(errors, kubernetes.MinReplicas >= 1,
            $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.Kubernetes), nameof(KubernetesSettings.MinReplicas))} must be at least 1; got {kubernetes.MinReplicas}.");
        Require(errors, kubernetes.MaxReplicas >= kubernetes.MinReplicas,
            $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.Kubernetes), nameof(KubernetesSettings.MaxReplicas))} must be at least {Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.Kubernetes), nameof(KubernetesSettings.MinReplicas))} ({kubernetes.MinReplicas}); got {kubernetes.MaxReplicas}.");
        foreach (var (name, quantity) in new[]
        {
            (nameof(KubernetesSettings.ApiCpuRequest), kubernetes.ApiCpuRequest),
            (nameof(KubernetesSettings.ApiMemoryRequest), kubernetes.ApiMemoryRequest),
            (nameof(KubernetesSettings.ApiCpuLimit), kubernetes.ApiCpuLimit),
            (nameof(KubernetesSettings.ApiMemoryLimit), kubernetes.ApiMemoryLimit),
        })
        {
            Require(errors, KubernetesQuantity.IsValid(quantity),
                $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.Kubernetes), name)} must be a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi; got '{quantity}'.");
        }

        Require(errors, ImageRegistry.IsValid(publish.Registry),
            $"{Key(nameof(HealthAISettings.Publish), nameof(PublishSettings.Registry))} must be empty or a registry such as registry.example.com:5000 (a host, an optional port and path, no scheme); got '{publish.Registry}'.");

        // Prometheus drops an empty external label, which would leave every runbook_url a bare anchor.
        Require(errors, !string.IsNullOrWhiteSpace(settings.Monitoring.RunbooksUrl),
            $"{Key(nameof(HealthAISettings.Monitoring), nameof(Monitoring.MonitoringSettings.RunbooksUrl))} must be the runbooks' address, such as {Monitoring.Runbooks.DefaultUrl} or https://git.example.org/healthai/blob/main/{Monitoring.Runbooks.DefaultUrl}; got '{settings.Monitoring.RunbooksUrl}'.");

        var model = replicas.Model;
        var modelTimeoutKey = Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.Model), nameof(ModelSettings.Timeout));
        Require(errors, model.Timeout > TimeSpan.Zero && model.Timeout <= MaxModelTimeout,
            $"{modelTimeoutKey} must be more than 00:00:00 and at most {MaxModelTimeout}; got {model.Timeout}.");
        Require(errors, model.AttemptTimeout > TimeSpan.Zero && model.AttemptTimeout <= model.Timeout,
            $"{Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.Model), nameof(ModelSettings.AttemptTimeout))} must be more than 00:00:00 and at most {modelTimeoutKey} ({model.Timeout}); got {model.AttemptTimeout}.");
        var modelEndpointKey = Key(nameof(HealthAISettings.Replicas), nameof(ReplicaSettings.Model), nameof(ModelSettings.Endpoint));
        Require(errors, !model.IsConfigured || (Uri.TryCreate(model.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"),
            $"{modelEndpointKey} must be an absolute http or https address such as http://localhost:11434/v1, or empty for no model; got '{model.Endpoint}'.");
        var askKey = Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.RouteTimeouts), EdgeRoutes.AskRouteName);
        if (model.IsConfigured && settings.Edges.RouteTimeouts.TryGetValue(EdgeRoutes.AskRouteName, out var ask))
        {
            Require(errors, ask >= model.Timeout + ModelSettings.AskMargin,
                $"{askKey} ({ask}) must exceed {modelTimeoutKey} ({model.Timeout}) by at least {ModelSettings.AskMargin}: the edge would give up on, and replay, asks a replica is still answering. Raise {askKey} or lower {modelTimeoutKey}.");
        }

        var knowledgeBase = settings.KnowledgeBase;
        Require(errors, Enum.IsDefined(knowledgeBase.Engine),
            $"{Key(nameof(HealthAISettings.KnowledgeBase), nameof(KnowledgeBase.KnowledgeBaseSettings.Engine))} must be Sqlite or PostgreSql; got {knowledgeBase.Engine}.");
        Require(errors, knowledgeBase.PostgreSqlPort is >= 0 and <= 65535,
            $"{Key(nameof(HealthAISettings.KnowledgeBase), nameof(KnowledgeBase.KnowledgeBaseSettings.PostgreSqlPort))} must be a port (0 for a free one); got {knowledgeBase.PostgreSqlPort}.");
        errors.AddRange(KnowledgeBase.DatabaseSettingsValidator.Validate(settings));

        var edges = settings.Edges;
        var rateLimit = edges.RateLimit;
        Require(errors, rateLimit.RequestsPerSecond >= 1,
            $"{Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.RateLimit), nameof(EdgeRateLimitSettings.RequestsPerSecond))} must be at least 1; got {rateLimit.RequestsPerSecond}.");
        Require(errors, rateLimit.Burst >= 0,
            $"{Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.RateLimit), nameof(EdgeRateLimitSettings.Burst))} must not be negative; got {rateLimit.Burst}.");
        var retry = edges.Retry;
        Require(errors, retry.Tries is null or >= 1 and <= MaxTries,
            $"{Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.Retry), nameof(EdgeRetrySettings.Tries))} must be between 1 and {MaxTries} (the first attempt counts); got {retry.Tries}.");
        Require(errors, retry.Timeout > TimeSpan.Zero && retry.Timeout <= MaxRouteTimeout,
            $"{Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.Retry), nameof(EdgeRetrySettings.Timeout))} must be more than 00:00:00 and at most {MaxRouteTimeout}; got {retry.Timeout}.");

        var proxiedRoutes = EdgeRoutes.Default("/").Where(route => route.IsProxied).Select(route => route.Name).ToList();
        foreach (var (route, timeout) in edges.RouteTimeouts)
        {
            var key = Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.RouteTimeouts), route);
            Require(errors, proxiedRoutes.Contains(route, StringComparer.Ordinal), $"{key}: no proxied route is called '{route}'; the routes are {string.Join(", ", proxiedRoutes)}.");
            Require(errors, timeout > TimeSpan.Zero && timeout <= MaxRouteTimeout, $"{key} must be more than 00:00:00 and at most {MaxRouteTimeout}; got {timeout}.");
        }

        for (var i = 0; i < (edges.AllowedNetworks?.Count ?? 0); i++)
        {
            var network = edges.AllowedNetworks![i];
            Require(errors, IPNetwork.TryParse(network, out _),
                $"{Key(nameof(HealthAISettings.Edges), nameof(EdgeSettings.AllowedNetworks), i.ToString(System.Globalization.CultureInfo.InvariantCulture))}: '{network}' is not a CIDR network such as 10.0.0.0/8.");
        }

        return errors;
    }

    private static string Key(params string[] path) => string.Join(':', [HealthAISettings.SectionName, .. path]);

    private static void Require(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }
}
