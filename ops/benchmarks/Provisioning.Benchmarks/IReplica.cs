namespace Provisioning.Benchmarks;

/// <summary>One replica of the worker, in this process or a process of its own.</summary>
internal interface IReplica : IAsyncDisposable
{
    /// <summary>Takes the replica away as a scale-down does: it stops consuming and finishes its in-flight handlers.</summary>
    Task StopAsync();
}
