namespace HealthAI.Contracts;

/// <summary>The API's <c>StaticSite</c> section: the folder it serves at <c>/static/</c>.</summary>
public static class StaticSiteSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "StaticSite";

    /// <summary>The folder served at <c>/static/</c>; unset: none.</summary>
    public const string Directory = "Directory";
}
