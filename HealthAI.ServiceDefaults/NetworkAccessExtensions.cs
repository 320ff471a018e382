using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>The replica's own guard on restricted endpoints, behind (not instead of) the edge's.</summary>
public static class NetworkAccessExtensions
{
    /// <summary>Binds and validates <see cref="NetworkAccessOptions"/>; trusts <c>X-Forwarded-For</c> from the trusted proxies only.</summary>
    public static TBuilder AddNetworkAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NetworkAccessOptions>()
            .Bind(builder.Configuration.GetSection(NetworkAccessOptions.SectionName))
            .Configure(options =>
            {
                // The binder reads a key with an empty value as "unset"; here it means an empty list (deny everyone),
                // which environment variables cannot express otherwise.
                var section = builder.Configuration.GetSection(NetworkAccessOptions.SectionName);
                options.AllowedNetworks = IsEmptyList(section.GetSection(nameof(NetworkAccessOptions.AllowedNetworks))) ? [] : options.AllowedNetworks;
                options.TrustedProxies = IsEmptyList(section.GetSection(nameof(NetworkAccessOptions.TrustedProxies))) ? [] : options.TrustedProxies;
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkAccessOptions>, NetworkAccessOptionsValidator>());
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkAccessOptions>>((forwarded, access) =>
        {
            // Only the client address: scheme and host stay what the replica itself saw.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // One edge in front: the right-most address is the one the edge added; anything left of it came from the client.
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in access.Value.EffectiveTrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        });
        return builder;
    }

    private static bool IsEmptyList(Microsoft.Extensions.Configuration.IConfigurationSection section) =>
        section.Value == "" && !section.GetChildren().Any();

    /// <summary>
    /// Takes the client address from a trusted proxy's <c>X-Forwarded-For</c>, then refuses endpoints marked
    /// <see cref="RequireAllowedNetwork{TBuilder}"/> to clients outside the allow-list. Call it after routing
    /// (any point in a <see cref="WebApplication"/> pipeline) and before anything that acts on the request.
    /// </summary>
    public static WebApplication UseAllowedNetworks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ForwardedClientCapture>();
        app.UseForwardedHeaders();
        app.UseMiddleware<AllowedNetworkMiddleware>();
        return app;
    }

    /// <summary>Only clients in <see cref="NetworkAccessOptions.AllowedNetworks"/> may use these endpoints; others get 403.</summary>
    public static TBuilder RequireAllowedNetwork<TBuilder>(this TBuilder endpoints)
        where TBuilder : Microsoft.AspNetCore.Builder.IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.WithMetadata(AllowedNetworkMetadata.Instance);
    }
}
