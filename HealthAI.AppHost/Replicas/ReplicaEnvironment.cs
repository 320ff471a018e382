using System.Globalization;
using HealthAI.Contracts;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Replicas;

/// <summary>
/// Every environment variable a replica of the API is given, spelled once and marked plain or secret. The local run,
/// compose and Kubernetes each map these names to their own values (a path, a mount, a <c>.env</c> entry, a Secret) and
/// add none of their own; the keys come from HealthAI.Contracts, so a renamed option breaks the build, not a deployment.
/// </summary>
public static class ReplicaEnvironment
{
    /// <summary>The replica's name among its peers (<see cref="ReplicaOptions.InstanceVariable"/>).</summary>
    public const string Instance = ReplicaOptions.InstanceVariable;

    /// <summary>The ASP.NET Core environment of the local run.</summary>
    public const string HostingEnvironment = "ASPNETCORE_ENVIRONMENT";

    /// <summary>Where a local replica listens: loopback, on the port the app model allocated.</summary>
    public const string ListenUrls = "ASPNETCORE_URLS";

    /// <summary>Where a deployed replica listens: every interface of its container, on one port.</summary>
    public const string HttpPorts = "ASPNETCORE_HTTP_PORTS";

    /// <summary>The knowledge base's engine.</summary>
    public const string Engine = KnowledgeBaseSection.Name + "__" + KnowledgeBaseSection.Engine;

    /// <summary>The PostgreSQL connection string, with its password.</summary>
    public const string ConnectionString = KnowledgeBaseSection.Name + "__" + KnowledgeBaseSection.ConnectionString;

    /// <summary>The database role's name, which Kubernetes expands into <see cref="ConnectionString"/> (the API does not read it).</summary>
    public const string DatabaseUser = "KNOWLEDGE_BASE_USERNAME";

    /// <summary>The database role's password, which Kubernetes expands into <see cref="ConnectionString"/> (the API does not read it).</summary>
    public const string DatabasePassword = "KNOWLEDGE_BASE_PASSWORD";

    /// <summary>The shared data volume.</summary>
    public const string DataDirectory = KnowledgeBaseSection.Name + "__" + KnowledgeBaseSection.DataDirectory;

    /// <summary>The editor token that ingest, batch and delete require.</summary>
    public const string EditorToken = KnowledgeBaseSection.Name + "__" + KnowledgeBaseSection.EditorToken;

    /// <summary>The shared backups volume.</summary>
    public const string BackupsDirectory = BackupsSection.Name + "__" + BackupsSection.Directory;

    /// <summary>The scheduled backups' interval; unset: none.</summary>
    public const string BackupInterval = BackupsSection.Name + "__" + BackupsSection.Schedule + "__" + BackupsSection.Interval;

    /// <summary>The <c>/backup</c> admin token.</summary>
    public const string AdminToken = BackupsSection.Name + "__" + BackupsSection.AdminToken;

    /// <summary>The key that seals the backups' manifests: never on the backups volume.</summary>
    public const string ManifestKey = BackupsSection.Name + "__" + BackupsSection.ManifestKey;

    /// <summary>The test-only fault switch.</summary>
    public const string FaultInjection = FaultsSection.Name + "__" + FaultsSection.Enabled;

    /// <summary>The drain (<see cref="ReplicaOptions.DrainPeriod"/>).</summary>
    public const string DrainPeriod = ReplicaOptions.SectionName + "__" + nameof(ReplicaOptions.DrainPeriod);

    /// <summary>The in-flight grace after the drain (<see cref="ReplicaOptions.InFlightGracePeriod"/>).</summary>
    public const string InFlightGracePeriod = ReplicaOptions.SectionName + "__" + nameof(ReplicaOptions.InFlightGracePeriod);

    /// <summary>The model's whole budget.</summary>
    public const string ModelTimeout = ModelSection.Name + "__" + ModelSection.Timeout;

    /// <summary>The model's budget per attempt.</summary>
    public const string ModelAttemptTimeout = ModelSection.Name + "__" + ModelSection.AttemptTimeout;

    /// <summary>The model's endpoint; unset: extractive answers only.</summary>
    public const string ModelEndpoint = ModelSection.Name + "__" + ModelSection.Endpoint;

    /// <summary>The model's name.</summary>
    public const string ModelName = ModelSection.Name + "__" + ModelSection.ModelName;

    /// <summary>Who may use the restricted endpoints: a list (<c>__0</c>, <c>__1</c>...), or empty for nobody.</summary>
    public const string AllowedNetworks = NetworkAccessOptions.SectionName + "__" + nameof(NetworkAccessOptions.AllowedNetworks);

    /// <summary>Whose <c>X-Forwarded-For</c> the replicas honour: a list, as <see cref="AllowedNetworks"/>.</summary>
    public const string TrustedProxies = NetworkAccessOptions.SectionName + "__" + nameof(NetworkAccessOptions.TrustedProxies);

    /// <summary>The question page's folder, which a replica serves at <c>/static/</c> (HAProxy serves no files).</summary>
    public const string StaticSiteDirectory = StaticSiteSection.Name + "__" + StaticSiteSection.Directory;

    /// <summary>Every variable, each marked plain or secret; the secret ones a parameter of the app model holds name it.</summary>
    public static IReadOnlyList<ReplicaVariable> All { get; } =
    [
        new(Instance, ReplicaVariableKind.Plain),
        new(HostingEnvironment, ReplicaVariableKind.Plain),
        new(ListenUrls, ReplicaVariableKind.Plain),
        new(HttpPorts, ReplicaVariableKind.Plain),
        new(Engine, ReplicaVariableKind.Plain),
        new(ConnectionString, ReplicaVariableKind.Secret),
        new(DatabaseUser, ReplicaVariableKind.Secret),
        new(DatabasePassword, ReplicaVariableKind.Secret),
        new(DataDirectory, ReplicaVariableKind.Plain),
        new(EditorToken, ReplicaVariableKind.Secret) { Parameter = "editor-token" },
        new(BackupsDirectory, ReplicaVariableKind.Plain),
        new(BackupInterval, ReplicaVariableKind.Plain),
        new(AdminToken, ReplicaVariableKind.Secret) { Parameter = "backup-admin-token" },
        new(ManifestKey, ReplicaVariableKind.Secret) { Parameter = "backup-manifest-key" },
        new(FaultInjection, ReplicaVariableKind.Plain),
        new(DrainPeriod, ReplicaVariableKind.Plain),
        new(InFlightGracePeriod, ReplicaVariableKind.Plain),
        new(ModelTimeout, ReplicaVariableKind.Plain),
        new(ModelAttemptTimeout, ReplicaVariableKind.Plain),
        new(ModelEndpoint, ReplicaVariableKind.Plain),
        new(ModelName, ReplicaVariableKind.Plain),
        new(AllowedNetworks, ReplicaVariableKind.Plain) { IsList = true },
        new(TrustedProxies, ReplicaVariableKind.Plain) { IsList = true },
        new(StaticSiteDirectory, ReplicaVariableKind.Plain),
    ];

    /// <summary>The variables whose values are secret parameters of the app model, in the order every target lists them.</summary>
    public static IReadOnlyList<ReplicaSecret> Secrets { get; } =
        [.. new[] { AdminToken, EditorToken, ManifestKey }.Select(name => new ReplicaSecret(name, All.Single(v => v.Name == name).Parameter!))];

    /// <summary>The variable <paramref name="key"/> sets, or null when it is none of <see cref="All"/>.</summary>
    public static ReplicaVariable? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return All.SingleOrDefault(variable => variable.Sets(key));
    }

    /// <summary>The value of <see cref="Engine"/> for <paramref name="engine"/>.</summary>
    public static string EngineValue(KnowledgeBaseEngine engine) => engine.ToString();

    /// <summary>
    /// The plain settings every replica gets, whatever runs it, with the data and backups folders as the target mounts them;
    /// each target adds only its listen address, instance, secrets and engine, under the names above.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings(ReplicaSettings replicas, ReplicaNetworkAccess networkAccess, string dataDirectory, string backupsDirectory)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentNullException.ThrowIfNull(networkAccess);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupsDirectory);
        var settings = new SortedDictionary<string, string>(networkAccess.Settings().ToDictionary(), StringComparer.Ordinal)
        {
            [DrainPeriod] = replicas.DrainPeriod.ToString("c", CultureInfo.InvariantCulture),
            [InFlightGracePeriod] = replicas.InFlightGracePeriod.ToString("c", CultureInfo.InvariantCulture),
            [FaultInjection] = replicas.FaultInjection ? "true" : "false",
            [ModelTimeout] = replicas.Model.Timeout.ToString("c", CultureInfo.InvariantCulture),
            [ModelAttemptTimeout] = replicas.Model.AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            [DataDirectory] = dataDirectory,
            [BackupsDirectory] = backupsDirectory,
        };
        if (replicas.BackupInterval > TimeSpan.Zero)
        {
            settings[BackupInterval] = replicas.BackupInterval.ToString("c", CultureInfo.InvariantCulture);
        }

        if (replicas.Model.IsConfigured)
        {
            settings[ModelEndpoint] = replicas.Model.Endpoint;
            settings[ModelName] = replicas.Model.Name;
        }

        return settings;
    }
}
