using System.Runtime.ExceptionServices;

namespace Provisioning.Components.Steps;

/// <summary>
/// Cloudflare calls of one step run at once (the creates of <c>ResourceCreator</c>, the deletes of <c>ResourceDeleter</c>):
/// every call is waited for, so none is left running when the step answers and each success can be recorded; then the
/// worst failure is thrown, a permanent one before an outage, so the step fails at once instead of waiting out an
/// outage it would fail after anyway.
/// </summary>
public static class SideBySide
{
    /// <summary>Waits for every task; their failures are left on the tasks for <see cref="ThrowWorstFailure"/>.</summary>
    public static async Task SettleAsync(IEnumerable<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(work);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Read from the tasks once their successes are recorded.
        }
    }

    /// <summary>Throws the worst failure among <paramref name="work"/> (a permanent one before an outage), or the cancellation.</summary>
    public static void ThrowWorstFailure(IEnumerable<Task> work, CancellationToken cancellationToken)
    {
        var failures = work.Where(x => x.IsFaulted).Select(x => x.Exception!.InnerException!).ToList();
        if (failures.Count > 0)
        {
            ExceptionDispatchInfo.Throw(failures.FirstOrDefault(x => !StepPatience.IsOutage(x)) ?? failures[0]);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
