using System.Reflection;

namespace HealthAI.ServiceDefaults;

/// <summary>The running service's version, as the build stamped it.</summary>
public static class ReplicaVersion
{
    /// <summary>The entry assembly's informational version without source-control metadata.</summary>
    public static string Current { get; } = Read();

    private static string Read()
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
