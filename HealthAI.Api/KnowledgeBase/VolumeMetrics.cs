using System.Diagnostics.Metrics;
using HealthAI.Api.Backups;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase;

/// <summary>Free space on the data and backups volumes, for the disk-space alert and dashboards.</summary>
internal sealed class VolumeMetrics : IDisposable
{
    public const string MeterName = "HealthAI.Volumes";
    private readonly Meter _meter;

    public VolumeMetrics(IMeterFactory meters, IOptions<KnowledgeBaseOptions> knowledgeBase, IOptions<BackupOptions> backups)
    {
        _meter = meters.Create(MeterName);
        var volumes = new Dictionary<string, string>
        {
            ["data"] = knowledgeBase.Value.DataDirectory,
            ["backups"] = backups.Value.Directory,
        };
        _meter.CreateObservableGauge("healthai.volume.free_ratio", () => Observe(volumes, drive => (double)drive.AvailableFreeSpace / drive.TotalSize),
            description: "Share of the volume still free for this replica, 0 to 1.");
        _meter.CreateObservableGauge("healthai.volume.free", () => Observe(volumes, drive => (double)drive.AvailableFreeSpace),
            unit: "By", description: "Bytes still free on the volume for this replica.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<double>> Observe(Dictionary<string, string> volumes, Func<DriveInfo, double> measure)
    {
        foreach (var (volume, directory) in volumes)
        {
            DriveInfo drive;
            try
            {
                drive = new DriveInfo(Path.GetFullPath(directory));
                if (drive.TotalSize <= 0)
                {
                    continue;
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // An unreadable volume reports nothing: the readiness check says why.
                continue;
            }

            yield return new Measurement<double>(measure(drive), new KeyValuePair<string, object?>("volume", volume));
        }
    }
}
