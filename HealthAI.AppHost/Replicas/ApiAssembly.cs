using System.Reflection;

namespace HealthAI.AppHost.Replicas;

/// <summary>Where the build put the API's assembly, as MSBuild recorded it in this AppHost.</summary>
internal static class ApiAssembly
{
    private const string MetadataKey = "HealthAI.Api.AssemblyPath";

    public static string Path { get; } = typeof(ApiAssembly).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(attribute => attribute.Key == MetadataKey)?.Value
        ?? throw new InvalidOperationException($"The AppHost was built without the '{MetadataKey}' metadata; rebuild it.");
}
