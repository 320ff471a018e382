namespace HealthAI.AppHost.Publishing.Compose;

// The parts of the Compose Specification HealthAI writes, as YamlDotNet serializes them (snake_case keys).
// Sorted dictionaries keep the output stable, so snapshot tests see only real changes.
// No top-level `name`: docker-compose 1.29 (Debian 12's only client) rejects it; the project name
// comes from COMPOSE_PROJECT_NAME in .env, which 1.29 and Compose v2 both read.
internal sealed class ComposeFile
{
    public required SortedDictionary<string, ComposeService> Services { get; init; }

    public required SortedDictionary<string, ComposeNetwork> Networks { get; init; }

    public required SortedDictionary<string, ComposeVolume> Volumes { get; init; }
}

internal sealed class ComposeService
{
    public required string Image { get; set; }

    public ComposeBuild? Build { get; init; }

    public List<string>? Profiles { get; init; }

    public List<string>? Command { get; init; }

    public SortedDictionary<string, string>? Environment { get; init; }

    public List<string>? Ports { get; init; }

    public List<string>? Volumes { get; init; }

    public List<string>? Tmpfs { get; init; }

    public bool? ReadOnly { get; init; }

    public required SortedDictionary<string, ComposeServiceNetwork> Networks { get; init; }

    public SortedDictionary<string, ComposeDependency>? DependsOn { get; init; }

    public ComposeHealthcheck? Healthcheck { get; init; }

    public required string Restart { get; init; }

    public string? StopGracePeriod { get; init; }

    public List<string>? SecurityOpt { get; init; }

    public List<string>? CapDrop { get; init; }

    public int? CpuShares { get; init; }

    // Set on every service once they are all described: one rotation policy for the whole stack.
    public ComposeLogging? Logging { get; set; }
}

internal sealed class ComposeLogging
{
    public required string Driver { get; init; }

    public required SortedDictionary<string, string> Options { get; init; }
}

internal sealed class ComposeBuild
{
    public required string Context { get; init; }

    public required string Dockerfile { get; init; }

    public SortedDictionary<string, string>? Args { get; init; }
}

internal sealed class ComposeServiceNetwork
{
    public string? Ipv4Address { get; init; }
}

internal sealed class ComposeDependency
{
    public required string Condition { get; init; }
}

internal sealed class ComposeHealthcheck
{
    public required List<string> Test { get; init; }

    public required string Interval { get; init; }

    public required string Timeout { get; init; }

    public required int Retries { get; init; }

    public required string StartPeriod { get; init; }
}

internal sealed class ComposeNetwork
{
    public bool? Internal { get; init; }

    public ComposeIpam? Ipam { get; init; }
}

internal sealed class ComposeIpam
{
    public required List<ComposeIpamPool> Config { get; init; }
}

internal sealed class ComposeIpamPool
{
    public required string Subnet { get; init; }

    public string? IpRange { get; init; }
}

internal sealed class ComposeVolume
{
    public string? Name { get; init; }
}
