using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>A folder of the host that a container sees at <paramref name="Target"/>.</summary>
public sealed record ContainerBind(string Source, string Target, bool ReadOnly = false);

/// <summary>
/// A container that the local run starts with the runtime's own CLI on the host's network, as an executable
/// resource. On the host's network the container sees each loopback client's own address, and reaches the
/// replicas and the other tools on loopback, as a host process does; behind a published port, Docker's port
/// proxy would make every client the bridge's gateway. DCP cannot start such a container: it attaches the
/// containers it runs to a network of its own, which host networking excludes.
/// </summary>
/// <param name="Name">The container's name: one per resource and AppHost folder (<see cref="NameFor"/>).</param>
/// <param name="Image">The image reference.</param>
/// <param name="Account">The account the container runs as; null for the image's own.</param>
/// <param name="Binds">The folders it sees.</param>
/// <param name="PassedVariables">Environment variables handed from the resource's environment by name, so that a secret never shows in an argument.</param>
/// <param name="Command">Arguments after the image: the image's entrypoint receives them.</param>
public sealed record HostNetworkContainer(
    string Name,
    string Image,
    ContainerRunAccount? Account,
    IReadOnlyList<ContainerBind> Binds,
    IReadOnlyList<string> PassedVariables,
    IReadOnlyList<string> Command)
{
    /// <summary>The runtime's CLI, which the resource runs.</summary>
    public static string Runtime => ContainerRuntimeProbe.Available ?? "docker";

    /// <summary>
    /// The container name of <paramref name="resourceName"/> for the AppHost in <paramref name="appHostDirectory"/>: stable
    /// across runs, so that a run removes what an earlier one left behind; distinct between checkouts.
    /// </summary>
    public static string NameFor(string appHostDirectory, string resourceName)
    {
        var checkout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(appHostDirectory))))[..8];
        return string.Create(CultureInfo.InvariantCulture, $"healthai-{resourceName}-{checkout.ToLowerInvariant()}");
    }

    /// <summary>
    /// <c>run</c> in the foreground: the CLI passes its stop signal on to the container, streams its output to the
    /// resource's log, and removes it when it ends.
    /// </summary>
    public IReadOnlyList<string> RunArguments =>
    [
        "run", "--rm", "--name", Name, "--network", "host",
        .. Account is null ? Array.Empty<string>() : [Account.RuntimeArgument],
        .. Binds.SelectMany(bind => new[] { "--volume", $"{bind.Source}:{bind.Target}{(bind.ReadOnly ? ":ro" : "")}" }),
        .. PassedVariables.SelectMany(variable => new[] { "--env", variable }),
        Image,
        .. Command,
    ];

    /// <summary>Removes a container of this name that an earlier run left behind (its CLI killed before it could).</summary>
    public void RemoveLeftover() => ContainerRuntimeProbe.Remove(Name);
}

/// <summary>Runs an executable resource as a <see cref="HostNetworkContainer"/>.</summary>
public static class HostNetworkContainerExtensions
{
    /// <summary>Gives <paramref name="resource"/> the arguments that run <paramref name="container"/>, after removing any leftover of it.</summary>
    public static IResourceBuilder<T> AsHostNetworkContainer<T>(this IResourceBuilder<T> resource, HostNetworkContainer container)
        where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(container);
        return resource
            .WithArgs([.. container.RunArguments])
            .OnBeforeResourceStarted((_, _, _) =>
            {
                container.RemoveLeftover();
                return Task.CompletedTask;
            });
    }
}
