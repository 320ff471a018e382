namespace HealthAI.Api.Access;

/// <summary>Guards endpoints with a bearer token and says so in their metadata.</summary>
internal static class AccessExtensions
{
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter<TBuilder, AdminTokenFilter>().WithMetadata(RequiredToken.Admin);

    public static TBuilder RequireEditorToken<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter<TBuilder, EditorTokenFilter>().WithMetadata(RequiredToken.Editor);
}
