using System.Runtime.ExceptionServices;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.EnsureDispatchNamespace;

namespace Provisioning.Components.Steps.CreateResources;

/// <summary>
/// Runs every create (and the namespace check) at once and waits for all of them, so none is left running when the
/// step answers. A permanent failure of any one fails the step; when the only failures are an outage, the step's
/// patience runs it again, and what this command already created is not asked for again (<see cref="ResourceCreator"/>).
/// </summary>
public sealed class CreateResourcesConsumer(StepContext step, ResourceCreator creator, ICloudflareClient cloudflare, KnownDispatchNamespaces namespaces)
    : TenantStepConsumer<CreateResources>(step)
{
    protected override async Task<string?> ExecuteAsync(CreateResources message, CancellationToken cancellationToken)
    {
        var work = message.Resources.Select(x => creator.CreateAsync(message.TenantId, message.CommandId, x, cancellationToken)).ToList();
        if (message.DispatchNamespace is { } dispatchNamespace)
        {
            work.Add(EnsureNamespaceAsync(dispatchNamespace, message.TenantId, cancellationToken));
        }

        try
        {
            await Task.WhenAll(work);
        }
        catch
        {
            // WhenAll rethrows the first failure in list order; the step's fate depends on the worst one.
            var failures = work.Where(x => x.IsFaulted).Select(x => x.Exception!.InnerException!).ToList();
            if (failures.FirstOrDefault(x => !StepPatience.IsOutage(x)) is { } permanent)
            {
                ExceptionDispatchInfo.Throw(permanent);
            }

            throw;
        }

        return null;
    }

    async Task EnsureNamespaceAsync(string dispatchNamespace, string tenantId, CancellationToken cancellationToken)
    {
        if (await namespaces.EnsureAsync(cloudflare.DispatchNamespaces, dispatchNamespace, cancellationToken))
        {
            Logger.LogInformation("Created dispatch namespace {DispatchNamespace} for tenant {TenantId}", dispatchNamespace, tenantId);
        }
    }
}
