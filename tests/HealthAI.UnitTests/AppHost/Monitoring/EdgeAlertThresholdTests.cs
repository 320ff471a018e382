using System.Globalization;
using System.Text.RegularExpressions;
using HealthAI.AppHost.Monitoring;
using HealthAI.Edge.Policy;

namespace HealthAI.AppHost.Tests.Monitoring;

/// <summary>The edge alerts' limits are the edge policy's: a changed connection limit cannot leave the alert at the old one.</summary>
public sealed partial class EdgeAlertThresholdTests
{
    [Fact]
    public void The_saturation_alert_measures_against_the_policy_connection_limit()
    {
        var rule = AlertRuleFiles.Read(InfrastructureTool.AlertRulesFile).Single(r => r.Alert == "HealthAIEdgeConnectionsSaturated");

        var limit = Limit().Match(rule.Expr);

        Assert.True(limit.Success, rule.Expr);
        Assert.Equal(ClientLimitsPolicy.Default.MaxConnections, int.Parse(limit.Groups["limit"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"> 0\.8 \* (?<limit>\d+)$")]
    private static partial Regex Limit();
}
