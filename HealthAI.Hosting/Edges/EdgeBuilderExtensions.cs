using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds nginx and HAProxy edges to the app model and says what they front.</summary>
public static partial class EdgeBuilderExtensions
{
    /// <summary>Adds an nginx edge: the default, with passive health checks and retries.</summary>
    public static IResourceBuilder<IEdgeResource> AddNginxEdge(this IDistributedApplicationBuilder builder, string name, EdgeHostingOptions options) =>
        builder.AddEdge(name, EdgeTool.Nginx, options);

    /// <summary>Adds an HAProxy edge: the alternative, with active health checks on readiness.</summary>
    public static IResourceBuilder<IEdgeResource> AddHaproxyEdge(this IDistributedApplicationBuilder builder, string name, EdgeHostingOptions options) =>
        builder.AddEdge(name, EdgeTool.Haproxy, options);

    /// <summary>Adds an endpoint the edge balances over.</summary>
    public static IResourceBuilder<IEdgeResource> WithUpstream(this IResourceBuilder<IEdgeResource> edge, EndpointReference endpoint, UpstreamRole role = UpstreamRole.Primary)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(endpoint);
        edge.Resource.Configuration.Upstreams.Add(new EdgeUpstream(endpoint, role));
        return edge.WithRelationship(endpoint.Resource, role == UpstreamRole.Backup ? "BackupUpstream" : "Upstream");
    }

    /// <summary>Sets the networks allowed on restricted routes; everyone else gets 403.</summary>
    public static IResourceBuilder<IEdgeResource> WithAllowedNetworks(this IResourceBuilder<IEdgeResource> edge, IEnumerable<string> networks)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(networks);
        edge.Resource.Configuration.AllowedNetworks = [.. networks];
        return edge;
    }

    /// <summary>Sets the operator's knobs (rate limit, retry budget, route timeouts) every target's policy gets.</summary>
    public static IResourceBuilder<IEdgeResource> WithTuning(this IResourceBuilder<IEdgeResource> edge, EdgeTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(tuning);
        edge.Resource.Configuration.Tuning = tuning;
        return edge;
    }

    /// <summary>Tells the edge whether the local run's knowledge base can switch primary, which its data routes then wait out.</summary>
    public static IResourceBuilder<IEdgeResource> WithLocalKnowledgeBase(this IResourceBuilder<IEdgeResource> edge, bool switchesPrimary)
    {
        ArgumentNullException.ThrowIfNull(edge);
        edge.Resource.Configuration.LocalKnowledgeBaseSwitchesPrimary = switchesPrimary;
        return edge;
    }

    /// <summary>Serves <paramref name="directory"/> at <c>/static/</c>.</summary>
    public static IResourceBuilder<IEdgeResource> WithStaticFiles(this IResourceBuilder<IEdgeResource> edge, string directory)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        edge.Resource.Configuration.StaticDirectory = Path.GetFullPath(directory);
        return edge;
    }

    /// <summary>Changes the policy before it is rendered, for settings the builder methods do not cover.</summary>
    public static IResourceBuilder<IEdgeResource> WithPolicy(this IResourceBuilder<IEdgeResource> edge, Func<EdgePolicy, EdgePolicy> adjust)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(adjust);
        edge.Resource.Configuration.PolicyAdjustments.Add(adjust);
        return edge;
    }

    private static IResourceBuilder<IEdgeResource> AddEdge(this IDistributedApplicationBuilder builder, string name, EdgeTool tool, EdgeHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);

        var placement = ToolPlacement.Of(builder);
        // Certificates and passwords are run-time side effects; publishing must not make them.
        var runDirectory = placement.RunDirectory(name);
        var certificate = placement.IsRun ? EdgeCertificate.EnsureIn(options.CertificateDirectory, TimeProvider.System) : null;
        var configuration = new EdgeConfiguration(runDirectory, certificate, placement.IsRun ? RandomPassword() : "unset");
        var ports = placement.IsRun ? WithFreePorts(options.Ports) : options.Ports;
        var configFile = Path.Combine(runDirectory, tool.ConfigFileName);
        IResourceBuilder<IEdgeResource> edge = builder.AddHostTool(
            new EdgeResource(name, tool, configuration, placement),
            // The image's entrypoint runs the tool on the file mounted where it reads it.
            resource => resource.InContainer ? [] : tool.HostArguments(runDirectory, configFile),
            [new ContainerBind(configFile, tool.ContainerConfigPath, ReadOnly: true)]);

        // Not proxied in either form: the edge itself is what clients must reach, on the ports it renders, so that it
        // sees each client's own address.
        edge.WithEndpoint(ports.Http, ports.Http, "http", EdgeConfiguration.HttpEndpointName, isProxied: false)
            .WithEndpoint(ports.Https, ports.Https, "https", EdgeConfiguration.HttpsEndpointName, isProxied: false)
            .WithEndpoint(ports.Status, ports.Status, "http", EdgeConfiguration.StatusEndpointName, isProxied: false);

        if (!edge.Resource.InContainer)
        {
            edge.WithCommand(ReloadCommandName, "Reload configuration", context => ReloadAsync(edge.Resource, context), new CommandOptions
            {
                Description = "Renders the configuration again from the app model and reloads it without dropping connections.",
                IconName = "ArrowSync",
            });
        }

        return edge
            .WithHttpHealthCheck(EdgeRoutes.EdgeHealthPath, endpointName: EdgeConfiguration.HttpEndpointName)
            .OnBeforeResourceStarted((resource, started, cancellationToken) => WriteConfigurationAsync(resource, started.Services, cancellationToken));
    }

    /// <summary>The resource command that re-renders and reloads a running edge.</summary>
    public const string ReloadCommandName = "reload-configuration";

    private static async Task<ExecuteCommandResult> ReloadAsync(IEdgeResource edge, ExecuteCommandContext context)
    {
        var pidFile = new EdgeHostPaths(edge.Configuration.RunDirectory).PidFile(edge.Tool.Name);
        if (!File.Exists(pidFile)
            || !int.TryParse((await File.ReadAllTextAsync(pidFile, context.CancellationToken)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return CommandResults.Failure($"{edge.Name} is not running (no pid in {pidFile}).");
        }

        await WriteConfigurationAsync(edge, context.Services, context.CancellationToken);
        ProcessSignals.Send(pid, edge.Tool.ReloadSignal);
        return CommandResults.Success();
    }

    private static async Task WriteConfigurationAsync(IEdgeResource edge, IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = edge.Configuration;
        Directory.CreateDirectory(configuration.RunDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // Started as root, nginx's workers run as another user (nobody): they must reach the temp folders
            // the master makes for them here, or every request body and response that spills to disk fails.
            // Traversable, not listable: the key and password files keep their own modes.
            File.SetUnixFileMode(configuration.RunDirectory,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var staticCopy = new EdgeHostPaths(configuration.RunDirectory).DefaultStaticDirectory;
        Directory.CreateDirectory(staticCopy);
        if (edge.InContainer && configuration.StaticDirectory is { } site)
        {
            // A container sees only its run directory: the site is served from a copy there.
            CopyTree(site, staticCopy);
        }

        configuration.Certificate?.CopyTo(Path.Combine(configuration.RunDirectory, "tls"));

        var policy = await EdgePolicyFactory.CreateAsync(edge, cancellationToken);
        var path = Path.Combine(configuration.RunDirectory, edge.Tool.ConfigFileName);
        // HAProxy's carries the stats password: private from its creation, like every rendered edge file.
        await PrivateFile.WriteAllTextAsync(path, edge.Tool.Render(policy), cancellationToken);

        // The image's user must write its pid and temp files there and read the configuration and the key.
        edge.HandOverRunDirectory();

        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(edge);
        LogRendered(logger, edge.Tool.ConfigFileName, policy.Upstreams.Count, path);
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {Config} for {Upstreams} upstreams: {Path}")]
    private static partial void LogRendered(ILogger logger, string config, int upstreams, string path);

    private static EdgePorts WithFreePorts(EdgePorts ports) => new()
    {
        Http = LoopbackPorts.Resolve(ports.Http),
        Https = LoopbackPorts.Resolve(ports.Https),
        Status = LoopbackPorts.Resolve(ports.Status),
    };

    private static string RandomPassword() =>
        Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLower(CultureInfo.InvariantCulture);
}
