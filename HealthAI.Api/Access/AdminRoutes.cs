namespace HealthAI.Api.Access;

/// <summary>
/// The admin endpoints (backups and re-embedding) under one prefix: allowed networks and the admin token, which the
/// edges restrict as one route.
/// </summary>
internal static class AdminRoutes
{
    public const string Path = "/backup";

    /// <summary>A group under <see cref="Path"/> with the admin guards; every feature's admin endpoints map into one.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder routes) =>
        routes.MapGroup(Path).RequireAllowedNetwork().RequireAdminToken();
}
