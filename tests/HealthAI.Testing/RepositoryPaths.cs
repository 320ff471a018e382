namespace HealthAI.Testing;

/// <summary>Files of the repository, found from wherever the test assembly runs.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds HealthAI.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HealthAI.sln above {AppContext.BaseDirectory}.");
    }
}
