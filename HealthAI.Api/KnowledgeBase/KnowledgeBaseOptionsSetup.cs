using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Resolves the data directory against the content root, so every later reader sees one absolute path.</summary>
internal sealed class KnowledgeBaseOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<KnowledgeBaseOptions>
{
    public void PostConfigure(string? name, KnowledgeBaseOptions options)
    {
        options.DataDirectory = string.IsNullOrWhiteSpace(options.DataDirectory)
            ? Path.Combine(environment.ContentRootPath, "data")
            : Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
    }
}
