using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>
/// Debian's PostgreSQL 15 as a host process (<see cref="HostPostgreSql"/>) with its cluster in a folder: an executable with a
/// TCP endpoint and a connection string, so the replicas can reference it and wait for it like any database
/// resource, and the dashboard shows it.
/// </summary>
public sealed class HostPostgreSqlResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>The endpoint's name.</summary>
    public const string TcpEndpointName = "tcp";

    /// <summary>The cluster's superuser; loopback connections are trusted, nothing else listens.</summary>
    public const string Superuser = "healthai";

    /// <summary>The database the knowledge base lives in.</summary>
    public const string Database = "postgres";

    private EndpointReference? _endpoint;

    /// <summary>The server's TCP endpoint.</summary>
    public EndpointReference Endpoint => _endpoint ??= new(this, TcpEndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={Superuser};Database={Database}");
}
