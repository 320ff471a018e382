using System.Globalization;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// The memory of this process, which is the replica's (it serves the API in process) plus the benchmark's
/// small share (its corpus generator and histograms): resident set, and the managed heap after a full
/// collection.
/// </summary>
internal static class ProcessMemory
{
    public static string Describe()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"RSS {process.WorkingSet64 / 1024.0 / 1024:0} MB, GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1024.0 / 1024:0} MB");
    }
}
