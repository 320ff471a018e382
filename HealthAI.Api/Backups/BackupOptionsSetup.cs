using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>Resolves the backups directory against the content root.</summary>
internal sealed class BackupOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<BackupOptions>
{
    public void PostConfigure(string? name, BackupOptions options)
    {
        options.Directory = string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(environment.ContentRootPath, "backups")
            : Path.GetFullPath(options.Directory, environment.ContentRootPath);
    }
}
