using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using HealthAI.Api.Faults;

namespace HealthAI.Api.Tests.Architecture;

/// <summary>A source file of one feature that names another feature, by a <c>using</c> or by one of its type names.</summary>
internal sealed record FeatureReference(string From, string To, string File, string Evidence)
{
    public override string ToString() => $"{File}: {From} uses {To} ({Evidence})";
}

/// <summary>
/// Finds the references between features in the API's sources. A type is found by its simple name as a whole word,
/// outside comments except their <c>cref</c>s (the compiler resolves those), so a type the feature's namespace makes
/// visible without a <c>using</c> (KnowledgeBase's types inside KnowledgeBase.Storage) is caught too.
/// </summary>
internal static partial class FeatureReferences
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> TypeFeatures = new(LoadDeclaredTypes);

    public static IReadOnlyDictionary<string, HashSet<string>> DeclaredTypes() => TypeFeatures.Value;

    public static IEnumerable<FeatureReference> Scan(string apiDirectory) =>
        Directory.EnumerateFiles(apiDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => InSource(File.ReadAllText(file), Path.GetRelativePath(apiDirectory, file)));

    public static IEnumerable<FeatureReference> InSource(string source, string file)
    {
        if (FeatureMap.FeatureOf(NamespaceLine().Match(source) is { Success: true } declared ? declared.Groups[1].Value : null) is not { } from)
        {
            yield break;
        }

        var crefs = DocReference().Matches(source).Select(cref => cref.Groups[1].Value);
        var code = string.Join('\n', [Comment().Replace(source, ""), .. crefs]);
        foreach (Match line in UsingLine().Matches(code))
        {
            if (FeatureMap.FeatureOf(line.Groups[1].Value) is { } to && to != from)
            {
                yield return new FeatureReference(from, to, file, line.Value.Trim());
            }
        }

        foreach (Match word in Identifier().Matches(code))
        {
            if (TypeFeatures.Value.TryGetValue(word.Value, out var features))
            {
                foreach (var to in features.Where(to => to != from))
                {
                    yield return new FeatureReference(from, to, file, word.Value);
                }
            }
        }
    }

    private static Dictionary<string, HashSet<string>> LoadDeclaredTypes()
    {
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in typeof(FaultInjectionOptions).Assembly.GetTypes())
        {
            if (type.IsNested || type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.Contains('<', StringComparison.Ordinal)
                || FeatureMap.FeatureOf(type) is not { } feature)
            {
                continue;
            }

            var name = type.Name.Split('`')[0];
            if (!types.TryGetValue(name, out var features))
            {
                types[name] = features = [];
            }

            features.Add(feature);
        }

        return types;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?(HealthAI\.Api[\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    // Comments say why, in words that may name anything; only their cref attributes are compiled references.
    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"cref=""([^""]+)""")]
    private static partial Regex DocReference();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
