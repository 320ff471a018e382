using System.Net;
using System.Text.RegularExpressions;

namespace HealthAI.Edge.Policy;

/// <summary>Checks an <see cref="EdgePolicy"/> before it is rendered, so a bad value fails here, by name.</summary>
internal static partial class EdgePolicyValidator
{
    public static IReadOnlyList<string> Validate(EdgePolicy policy)
    {
        var errors = new List<string>();
        ValidateUpstreams(policy, errors);
        ValidateHealthAndRetry(policy, errors);
        ValidateRoutes(policy, errors);
        ValidateAccess(policy, errors);
        ValidateClientLimits(policy.ClientLimits, errors);
        ValidateTlsAndListeners(policy, errors);
        ValidateHostAndStatus(policy, errors);
        foreach (var header in policy.SecurityHeaders)
        {
            Require(errors, Token().IsMatch(header.Name), $"SecurityHeaders: '{header.Name}' is not a header name.");
            Require(errors, SafeValue().IsMatch(header.Value), $"SecurityHeaders: the value of '{header.Name}' contains double quotes, '$', '\\' or control characters.");
        }

        return errors;
    }

    private static void ValidateUpstreams(EdgePolicy policy, List<string> errors)
    {
        if (policy.Upstreams.Count == 0)
        {
            errors.Add("Upstreams: at least one upstream is required.");
            return;
        }

        Require(errors, policy.Upstreams.Any(u => u.Role == UpstreamRole.Primary), "Upstreams: at least one Primary upstream is required (backups serve only when a primary fails).");
        foreach (var duplicate in policy.Upstreams.GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Upstreams: the name '{duplicate.Key}' is used more than once.");
        }

        foreach (var upstream in policy.Upstreams)
        {
            Require(errors, ServerName().IsMatch(upstream.Name), $"Upstreams: name '{upstream.Name}' must be letters, digits, '.', '_' or '-'.");
            Require(errors, HostName().IsMatch(upstream.Host) || IPAddress.TryParse(upstream.Host, out _), $"Upstreams[{upstream.Name}].Host: '{upstream.Host}' is neither a host name nor an IP address.");
            Require(errors, IsPort(upstream.Port), $"Upstreams[{upstream.Name}].Port: {upstream.Port} is not a TCP port.");
        }

        Require(errors, Identifier().IsMatch(policy.UpstreamGroupName), $"UpstreamGroupName: '{policy.UpstreamGroupName}' must be lower-case letters, digits or '_'.");
    }

    private static void ValidateHealthAndRetry(EdgePolicy policy, List<string> errors)
    {
        foreach (var (role, threshold) in new[] { ("Primary", policy.PassiveHealth.Primary), ("Backup", policy.PassiveHealth.Backup) })
        {
            Require(errors, threshold.MaxFails >= 0, $"PassiveHealth.{role}.MaxFails: must not be negative.");
            Require(errors, IsWholeSeconds(threshold.FailTimeout), $"PassiveHealth.{role}.FailTimeout: must be a positive whole number of seconds.");
        }

        var active = policy.ActiveHealth;
        Require(errors, active.Path.StartsWith('/') && SafeToken().IsMatch(active.Path), $"ActiveHealth.Path: '{active.Path}' must start with '/' and contain no spaces or quotes.");
        Require(errors, active.Interval > TimeSpan.Zero, "ActiveHealth.Interval: must be positive.");
        Require(errors, active.FastInterval > TimeSpan.Zero && active.DownInterval > TimeSpan.Zero, "ActiveHealth.FastInterval and DownInterval: must be positive.");
        Require(errors, active.Timeout > TimeSpan.Zero && active.Timeout <= active.Interval, "ActiveHealth.Timeout: must be positive and at most ActiveHealth.Interval, or probes overlap.");
        Require(errors, active.Fall >= 1 && active.Rise >= 1, "ActiveHealth.Fall and Rise: must be at least 1.");
        Require(errors, active.ExpectStatus is >= 100 and <= 599, "ActiveHealth.ExpectStatus: not an HTTP status.");

        var retry = policy.Retry;
        Require(errors, retry.Tries >= 1, "Retry.Tries: must be at least 1 (the first attempt counts).");
        Require(errors, retry.Timeout > TimeSpan.Zero, "Retry.Timeout: must be positive.");
        // HAProxy sizes every buffer by it: a few MiB per active transfer is already a lot of memory.
        Require(errors, retry.ReplayableBodyBytes is >= 0 and <= 4 * 1024 * 1024, $"Retry.ReplayableBodyBytes: must be between 0 and 4 MiB; got {retry.ReplayableBodyBytes}.");
        Require(errors, Token().IsMatch(retry.IdempotencyKeyHeader), $"Retry.IdempotencyKeyHeader: '{retry.IdempotencyKeyHeader}' is not a header name.");
        Require(errors, retry.IdempotentMethods.Concat(retry.WriteMethods).All(m => Method().IsMatch(m)), "Retry: methods must be upper-case tokens such as GET or POST.");
        Require(errors, !retry.IdempotentMethods.Intersect(retry.WriteMethods, StringComparer.Ordinal).Any(), "Retry: a method cannot be both idempotent and a write.");
        Require(errors, policy.WriteGroupMethods.Count > 0 && policy.WriteGroupMethods.All(m => Method().IsMatch(m)), "WriteGroupMethods: upper-case tokens such as POST are required.");

        Require(errors, policy.Keepalive.IdleConnections >= 1, "Keepalive.IdleConnections: must be at least 1.");
        Require(errors, policy.Keepalive.IdleTimeout > TimeSpan.Zero, "Keepalive.IdleTimeout: must be positive.");

        var rate = policy.RateLimit;
        Require(errors, rate.RequestsPerSecond >= 1, "RateLimit.RequestsPerSecond: must be at least 1.");
        Require(errors, rate.Burst >= 0, $"RateLimit.Burst: {rate.Burst} is negative.");
        Require(errors, rate.RetryAfterSeconds >= 1, "RateLimit.RetryAfterSeconds: must be at least 1.");
        Require(errors, rate.TableSizeMegabytes >= 1, "RateLimit.TableSizeMegabytes: must be at least 1.");
        Require(errors, IsWholeSeconds(rate.LongWindow), "RateLimit.LongWindow: must be a positive whole number of seconds.");
    }

    private static void ValidateRoutes(EdgePolicy policy, List<string> errors)
    {
        Require(errors, policy.Routes.Count > 0, "Routes: at least one route is required.");
        foreach (var duplicate in policy.Routes.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Routes: the name '{duplicate.Key}' is used more than once.");
        }

        foreach (var duplicate in policy.Routes.GroupBy(r => (r.Path, r.Match)).Where(g => g.Count() > 1))
        {
            errors.Add($"Routes: the path '{duplicate.Key.Path}' ({duplicate.Key.Match}) is used more than once.");
        }

        foreach (var route in policy.Routes)
        {
            var at = $"Routes[{route.Name}]";
            Require(errors, Identifier().IsMatch(route.Name), $"{at}.Name: must be lower-case letters, digits or '_'.");
            Require(errors, route.Path.StartsWith('/') && SafeToken().IsMatch(route.Path), $"{at}.Path: '{route.Path}' must start with '/' and contain no spaces, quotes or braces.");
            Require(errors, route.UpstreamPath is null || (route.UpstreamPath.StartsWith('/') && SafeToken().IsMatch(route.UpstreamPath)), $"{at}.UpstreamPath: must start with '/' and contain no spaces, quotes or braces.");
            Require(errors, route.Timeouts.Connect > TimeSpan.Zero && route.Timeouts.Send > TimeSpan.Zero && route.Timeouts.Read > TimeSpan.Zero, $"{at}.Timeouts: must be positive.");
            Require(errors, route.MaxRequestBodyBytes is null or > 0, $"{at}.MaxRequestBodyBytes: must be positive.");
            Require(errors, route.CacheControl is null || SafeValue().IsMatch(route.CacheControl), $"{at}.CacheControl: contains quotes or control characters.");
            switch (route.Kind)
            {
                case RouteKind.Static:
                    Require(errors, IsAbsolutePath(route.StaticDirectory), $"{at}.StaticDirectory: an absolute path without spaces or quotes is required for a static route.");
                    // A prefix route serves a folder ('/static/'), an exact one a single file ('/static/index.html').
                    Require(errors, route.Match == PathMatch.Prefix ? route.Path.EndsWith('/') : !route.Path.EndsWith('/'), $"{at}.Match: a static prefix route ends in '/' (a folder); an exact one names a file.");
                    break;
                case RouteKind.EdgeHealth:
                    Require(errors, route.ResponseBody is not null && Identifier().IsMatch(route.ResponseBody), $"{at}.ResponseBody: a short lower-case word is required (e.g. 'healthy').");
                    Require(errors, !route.RateLimited && !route.Restricted, $"{at}: the edge health route must be neither rate limited nor restricted, or probes fail.");
                    break;
            }
        }
    }

    private static void ValidateAccess(EdgePolicy policy, List<string> errors)
    {
        foreach (var route in policy.RestrictedRoutes)
        {
            // Restricted paths are matched as a regex (nginx) and on a normalised path (HAProxy): a static route
            // there would need a regex alias, and an open route under a restricted prefix would be open on one
            // edge and refused on the other.
            Require(errors, route.Kind == RouteKind.Proxy, $"Routes[{route.Name}]: only proxied routes can be restricted.");
            foreach (var open in policy.Routes.Where(r => !r.Restricted && r.Path.StartsWith(route.Path, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Routes[{open.Name}]: '{open.Path}' lies under the restricted '{route.Path}' and must be restricted too.");
            }
        }


        foreach (var network in policy.Access.AllowedNetworks)
        {
            Require(errors, network.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(network, out _), $"Access.AllowedNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8 (host bits must be zero).");
        }
    }

    private static void ValidateClientLimits(ClientLimitsPolicy limits, List<string> errors)
    {
        Require(errors, IsWholeSeconds(limits.HeaderTimeout), "ClientLimits.HeaderTimeout: must be a positive whole number of seconds.");
        Require(errors, IsWholeSeconds(limits.BodyTimeout), "ClientLimits.BodyTimeout: must be a positive whole number of seconds.");
        Require(errors, IsWholeSeconds(limits.SendTimeout), "ClientLimits.SendTimeout: must be a positive whole number of seconds.");
        Require(errors, limits.MaxConnections >= 64, $"ClientLimits.MaxConnections: {limits.MaxConnections} is below 64.");
        Require(errors, limits.MaxConnectionsPerClient >= 1 && limits.MaxConnectionsPerClient < limits.MaxConnections,
            $"ClientLimits.MaxConnectionsPerClient: {limits.MaxConnectionsPerClient} must be at least 1 and below MaxConnections, or one client could take every connection.");
    }

    private static void ValidateTlsAndListeners(EdgePolicy policy, List<string> errors)
    {
        var listeners = policy.Listeners;
        Require(errors, listeners.PublicAddresses.Count > 0, "Listeners.PublicAddresses: at least one address is required.");
        Require(errors, listeners.PublicAddresses.All(a => IPAddress.TryParse(a, out _)), "Listeners.PublicAddresses: each must be an IP literal such as 0.0.0.0 or ::.");
        Require(errors, IsPort(listeners.HttpPort), "Listeners.HttpPort: not a TCP port.");
        Require(errors, IsPort(policy.Status.Port), "Status.Port: not a TCP port.");
        Require(errors, listeners.HttpPort != policy.Status.Port, "Status.Port: must differ from Listeners.HttpPort.");
        Require(errors, Token().IsMatch(policy.ServerName) || policy.ServerName == "_", $"ServerName: '{policy.ServerName}' is not a host name.");
        if (policy.Tls is not { } tls)
        {
            return;
        }

        Require(errors, IsPort(listeners.HttpsPort), "Listeners.HttpsPort: not a TCP port.");
        Require(errors, listeners.RedirectHttpsPort is null || IsPort(listeners.RedirectHttpsPort.Value), "Listeners.RedirectHttpsPort: not a TCP port.");
        Require(errors, listeners.HttpsPort != listeners.HttpPort && listeners.HttpsPort != policy.Status.Port, "Listeners.HttpsPort: must differ from the HTTP and status ports.");
        Require(errors, IsAbsolutePath(tls.CertificatePath), "Tls.CertificatePath: an absolute path without spaces or quotes is required.");
        Require(errors, IsAbsolutePath(tls.KeyPath), "Tls.KeyPath: an absolute path without spaces or quotes is required.");
        Require(errors, tls.MinimumVersion == TlsProtocolVersion.Tls13 || tls.Tls12Ciphers.Count > 0, "Tls.Tls12Ciphers: TLS 1.2 is enabled but no cipher is listed.");
        Require(errors, tls.Tls12Ciphers.All(c => CipherName().IsMatch(c)), "Tls.Tls12Ciphers: names must be OpenSSL cipher names such as ECDHE-RSA-AES128-GCM-SHA256.");
        Require(errors, !tls.Tls12Ciphers.Any(c => c.EndsWith("SHA512", StringComparison.Ordinal)), "Tls.Tls12Ciphers: no TLS cipher suite uses SHA512 (such names are not real suites).");
    }

    private static void ValidateHostAndStatus(EdgePolicy policy, List<string> errors)
    {
        var paths = policy.HostPaths;
        Require(errors, IsAbsolutePath(paths.RunDirectory), $"HostPaths.RunDirectory: '{paths.RunDirectory}' must be an absolute path without spaces or quotes.");
        Require(errors, paths.AccessLogFile is null || IsAbsolutePath(paths.AccessLogFile), "HostPaths.AccessLogFile: must be an absolute path without spaces or quotes.");
        Require(errors, paths.ErrorLogFile is null || IsAbsolutePath(paths.ErrorLogFile), "HostPaths.ErrorLogFile: must be an absolute path without spaces or quotes.");

        var status = policy.Status;
        Require(errors, IPAddress.TryParse(status.Address, out _), $"Status.Address: '{status.Address}' must be an IP literal (loopback recommended).");
        Require(errors, ServerName().IsMatch(status.StatsUser), "Status.StatsUser: letters, digits, '.', '_' or '-' only.");
        Require(errors, status.StatsPasswordVariable is not null || (status.StatsPassword.Length >= 12 && Password().IsMatch(status.StatsPassword)), "Status.StatsPassword: at least 12 characters, no spaces, quotes, ':', '#', '$' or '\\'.");
        Require(errors, status.StatsPasswordVariable is null || ServerName().IsMatch(status.StatsPasswordVariable), "Status.StatsPasswordVariable: letters, digits, '.', '_' or '-' only.");
        foreach (var path in new[] { status.StubStatusPath, status.StatsPath, status.MetricsPath })
        {
            Require(errors, path.StartsWith('/') && SafeToken().IsMatch(path), $"Status: path '{path}' must start with '/' and contain no spaces or quotes.");
        }

        if (policy.RequestLogStream is { } stream)
        {
            Require(errors, IsPort(stream.Port), $"RequestLogStream.Port: {stream.Port} is not a UDP port.");
            Require(errors, IPAddress.TryParse(stream.Address, out _), $"RequestLogStream.Address: '{stream.Address}' must be an IP literal (nginx resolves a name only once, at start).");
            Require(errors, SyslogTag().IsMatch(stream.Tag), $"RequestLogStream.Tag: '{stream.Tag}' must be 1 to 32 letters, digits or '_'.");
        }

        if (policy.RunAs is { } account)
        {
            Require(errors, ServerName().IsMatch(account.User) && ServerName().IsMatch(account.Group), "RunAs: user and group must be plain names.");
        }
    }

    private static void Require(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }

    private static bool IsPort(int port) => port is >= 1 and <= 65535;

    private static bool IsWholeSeconds(TimeSpan value) => value > TimeSpan.Zero && value.Ticks % TimeSpan.TicksPerSecond == 0;

    private static bool IsAbsolutePath(string? path) => path is not null && path.StartsWith('/') && SafeToken().IsMatch(path);

    [GeneratedRegex("^[A-Za-z0-9_]{1,32}$")]
    private static partial Regex SyslogTag();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex ServerName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[!#%&*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex Token();

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex Method();

    [GeneratedRegex("^[A-Z0-9-]+$")]
    private static partial Regex CipherName();

    // Paths and values reach the configs unquoted: anything a config parser treats specially is refused.
    [GeneratedRegex(@"^[^\s""'`;{}#$\\]+$")]
    private static partial Regex SafeToken();

    // Both renderers put a header value in double quotes, where a single quote is literal (CSP's 'self').
    [GeneratedRegex(@"^[^\x00-\x1f""$\\]*$")]
    private static partial Regex SafeValue();

    [GeneratedRegex(@"^[^\s""'`:#$\\]+$")]
    private static partial Regex Password();
}
