using System.Runtime.InteropServices;
using System.Runtime;

namespace Provisioning.Worker.Memory;

/// <summary>
/// Gives the process's free memory back to the system: a blocking, compacting full collection in the GC's aggressive
/// mode (it also decommits the heap's free space and its budget for the next collections), then, on glibc, the native
/// heap's free pages (<c>malloc_trim</c>; the GC cannot see SQLite's, OpenSSL's or the runtime's own allocations).
/// </summary>
public static class ProcessMemory
{
    static bool s_nativeTrimUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Resident memory before and after a release; the GC heap's committed bytes as the collection before it left them
    /// and as the release's own left them.
    /// </summary>
    public readonly record struct Release(long ResidentBefore, long ResidentAfter, long HeapBefore, long HeapAfter);

    public static Release ReleaseFreeMemory()
    {
        var residentBefore = Environment.WorkingSet;
        var heapBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();

        return new Release(residentBefore, Environment.WorkingSet, heapBefore, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    static void TrimNativeHeap()
    {
        if (s_nativeTrimUnavailable)
            return;
        try
        {
            // 1 when pages went back to the system, 0 when there were none to give: the resident figures tell.
            _ = malloc_trim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (the Alpine image) has no malloc_trim; its allocator returns free pages by itself.
            s_nativeTrimUnavailable = true;
        }
    }

    // A plain DllImport: the signature is blittable, so no marshalling code is generated (LibraryImport would need unsafe code).
    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
#pragma warning disable SYSLIB1054
    static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054
}
