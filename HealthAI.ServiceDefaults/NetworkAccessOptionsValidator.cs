using System.Net;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults;

/// <summary>Refuses a list entry that is not a CIDR network, naming the key, instead of silently allowing or denying.</summary>
internal sealed class NetworkAccessOptionsValidator : IValidateOptions<NetworkAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkAccessOptions options)
    {
        var failures = new List<string>();
        Check(nameof(NetworkAccessOptions.AllowedNetworks), options.EffectiveAllowedNetworks, failures);
        Check(nameof(NetworkAccessOptions.TrustedProxies), options.EffectiveTrustedProxies, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, IReadOnlyList<string> networks, List<string> failures)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (!networks[i].Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(networks[i], out _))
            {
                failures.Add($"{NetworkAccessOptions.SectionName}:{key}:{i} must be a CIDR network such as 10.0.0.0/8 (host bits zero); got '{networks[i]}'.");
            }
        }
    }
}
