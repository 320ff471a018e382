using Microsoft.Extensions.FileProviders;

namespace HealthAI.Api.StaticSite;

/// <summary>
/// Serves the static site (the question page) at <c>/static/</c> from <c>StaticSite:Directory</c>, when
/// set. nginx serves the same folder itself; HAProxy serves no files and passes <c>/static/</c> here,
/// and a replica run alone shows its page too.
/// </summary>
internal static class StaticSiteExtensions
{
    public const string SectionName = StaticSiteSection.Name;
    public const string RequestPath = "/static";

    public static WebApplication UseStaticSite(this WebApplication app)
    {
        var directory = app.Configuration[$"{SectionName}:{StaticSiteSection.Directory}"];
        if (string.IsNullOrWhiteSpace(directory))
        {
            return app;
        }

        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"{SectionName}:Directory '{directory}' does not exist.");
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(directory)),
            RequestPath = RequestPath,
        });
        return app;
    }
}
