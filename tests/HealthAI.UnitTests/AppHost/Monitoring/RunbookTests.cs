using System.Text.RegularExpressions;
using HealthAI.AppHost.Monitoring;

namespace HealthAI.AppHost.Tests.Monitoring;

/// <summary>Every alert links to a section of docs/runbooks.md that exists, and every section belongs to an alert.</summary>
public sealed partial class RunbookTests
{
    private static readonly string RunbookFile = RepositoryPaths.Of(Runbooks.DefaultUrl.Split('/'));

    [Fact]
    public void Every_alert_has_a_runbook_url_whose_anchor_is_a_section_of_the_runbooks()
    {
        var anchors = Anchors();
        var alerts = AlertRuleFiles.Read(InfrastructureTool.AlertRulesFile).Where(rule => rule.Alert is not null).ToList();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            Assert.True(alert.Annotations.TryGetValue("runbook_url", out var url), $"{alert.Alert} has no runbook_url annotation.");
            var link = RunbookLink().Match(url);
            Assert.True(link.Success, $"{alert.Alert}'s runbook_url '{url}' is not '{{{{ $externalLabels.{Runbooks.Label} }}}}#<anchor>'.");
            Assert.True(anchors.Contains(link.Groups["anchor"].Value), $"{alert.Alert}'s runbook_url names '#{link.Groups["anchor"].Value}', which is no section of {Runbooks.DefaultUrl}.");
        }
    }

    [Fact]
    public void Every_runbook_section_belongs_to_an_alert()
    {
        var alerts = AlertRuleFiles.Read(InfrastructureTool.AlertRulesFile).Select(rule => rule.Alert).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var sections = File.ReadLines(RunbookFile).Where(line => line.StartsWith("## ", StringComparison.Ordinal)).Select(line => line[3..].Trim()).ToList();

        Assert.Equal(alerts.Order(StringComparer.Ordinal), sections.Order(StringComparer.Ordinal));
    }

    // The anchors a Markdown renderer gives second-level headings: lower case, spaces to hyphens, punctuation dropped.
    private static HashSet<string> Anchors() =>
    [
        .. File.ReadLines(RunbookFile)
            .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => Punctuation().Replace(line[3..].Trim().ToLowerInvariant(), "").Replace(' ', '-')),
    ];

    [GeneratedRegex(@"^\{\{ \$externalLabels\.runbooks \}\}#(?<anchor>[a-z0-9-]+)$")]
    private static partial Regex RunbookLink();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex Punctuation();
}
