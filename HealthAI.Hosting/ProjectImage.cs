namespace HealthAI.Hosting;

/// <summary>An image the project builds: its name, pinned tag, and build context (relative to the repository).</summary>
/// <param name="Repository">The image name without tag.</param>
/// <param name="Tag">A pinned tag.</param>
/// <param name="Context">The build context, relative to the repository root; its <c>Dockerfile</c> builds the image.</param>
public sealed record ProjectImage(string Repository, string Tag, string Context)
{
    /// <summary>The Dockerfile's name inside <see cref="Context"/>.</summary>
    public const string Dockerfile = "Dockerfile";

    /// <summary>The same image under another tag.</summary>
    public ProjectImage WithTag(string tag) => this with { Tag = tag };

    /// <inheritdoc/>
    public override string ToString() => $"{Repository}:{Tag}";
}
