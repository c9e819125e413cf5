using System.Globalization;
using System.Runtime.InteropServices;

namespace Provisioning.Benchmarks;

/// <summary>The machine a run measured: what another reader needs to compare figures.</summary>
internal sealed record MachineInfo(int Processors, string Cpu, long MemoryBytes, string OperatingSystem, string Runtime, string LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ProcFile("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ProcFile("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        OsRelease() ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        // Others may share the machine; the load at the start tells the reader how quiet it was.
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a");

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Processors} cores ({Cpu}), {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB memory, {OperatingSystem}, {Runtime}, load average at start {LoadAverage}");

    static string? ProcFile(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault()
            : null;

    static string? OsRelease() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release")
                .Where(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                .Select(l => $"{l["PRETTY_NAME=".Length..].Trim('"')} (kernel {Environment.OSVersion.Version})")
                .FirstOrDefault()
            : null;
}
