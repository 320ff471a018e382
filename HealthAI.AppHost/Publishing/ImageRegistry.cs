namespace HealthAI.AppHost.Publishing;

/// <summary>Qualifies image names with the registry a deployment pulls from (<see cref="PublishSettings.Registry"/>).</summary>
public static partial class ImageRegistry
{
    /// <summary>True for empty (no registry) or <c>host[:port][/path]</c>, as an image reference's registry part.</summary>
    public static bool IsValid(string? registry) => registry is not null && (registry.Length == 0 || Pattern().IsMatch(registry));

    /// <summary>
    /// <paramref name="image"/> under <paramref name="registry"/>, unless it is empty or the name already names a registry:
    /// its first part holds a '.' or ':' or is <c>localhost</c>, as Docker reads it.
    /// </summary>
    public static string Qualify(string registry, string image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : image[..slash];
        var qualified = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        return registry.Length == 0 || qualified ? image : $"{registry.TrimEnd('/')}/{image}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*/?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
