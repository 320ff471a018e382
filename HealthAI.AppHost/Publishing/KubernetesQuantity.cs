using System.Text.RegularExpressions;

namespace HealthAI.AppHost.Publishing;

/// <summary>Whether a setting is a Kubernetes resource quantity, checked before publishing rather than by the API server.</summary>
public static partial class KubernetesQuantity
{
    /// <summary>True for a quantity as the API server reads one: a non-negative number with an optional binary, decimal or exponent suffix.</summary>
    public static bool IsValid(string? quantity) => quantity is not null && Pattern().IsMatch(quantity);

    // k8s.io/apimachinery's resource.Quantity grammar, without the sign a request or limit may not carry.
    [GeneratedRegex(@"^([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
