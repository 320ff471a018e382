namespace HealthAI.AppHost.Monitoring.Prometheus;

/// <summary>One Prometheus job: what to scrape, where, and how often.</summary>
/// <param name="Name">The job name.</param>
/// <param name="MetricsPath">The exposition path.</param>
/// <param name="Interval">The job's own interval, or null for the global one.</param>
/// <param name="Targets">The targets, each with its labels.</param>
/// <param name="Discovery">Targets found by DNS (the pods behind a headless Kubernetes Service), if any.</param>
public sealed record ScrapeJob(string Name, string MetricsPath, TimeSpan? Interval, IReadOnlyList<ScrapeTarget> Targets, DnsDiscovery? Discovery = null);

/// <summary>Targets that are the A records of a DNS name, every one on the same port, all with the same labels.</summary>
public sealed record DnsDiscovery(string Name, int Port, IReadOnlyDictionary<string, string> Labels);

/// <summary>One address Prometheus scrapes, with the labels its series get.</summary>
public sealed record ScrapeTarget(string Address, IReadOnlyDictionary<string, string> Labels);
