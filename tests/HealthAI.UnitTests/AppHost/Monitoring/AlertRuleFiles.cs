using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HealthAI.AppHost.Tests.Monitoring;

/// <summary>The rule files kept beside Prometheus' Dockerfile, read as Prometheus reads them.</summary>
internal static class AlertRuleFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static string Folder { get; } = RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "prometheus");

    public static IReadOnlyList<Rule> Read(string file) =>
        [.. Yaml.Deserialize<RuleFile>(File.ReadAllText(Path.Combine(Folder, file))).Groups.SelectMany(group => group.Rules)];

    public sealed class RuleFile
    {
        public List<RuleGroup> Groups { get; set; } = [];
    }

    public sealed class RuleGroup
    {
        public string Name { get; set; } = "";

        public List<Rule> Rules { get; set; } = [];
    }

    public sealed class Rule
    {
        public string? Alert { get; set; }

        public string? Record { get; set; }

        public string Expr { get; set; } = "";

        public Dictionary<string, string> Annotations { get; set; } = [];
    }
}
