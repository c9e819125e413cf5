using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.EnsureDispatchNamespace;

namespace Provisioning.Components.Steps.CreateResources;

/// <summary>
/// Every create and the namespace check at once (<see cref="ResourceCreator"/>), waiting for all of them so none is left
/// running when the step answers. A permanent failure of any one fails the step; when the only failures are an outage,
/// the step's patience runs it again, and what this command already created is not asked for again.
/// </summary>
public sealed class CreateResourcesConsumer(StepContext step, ResourceCreator creator, ICloudflareClient cloudflare, KnownDispatchNamespaces namespaces)
    : TenantStepConsumer<CreateResources>(step)
{
    protected override async Task<string?> ExecuteAsync(CreateResources message, CancellationToken cancellationToken)
    {
        var alongside = message.DispatchNamespace is { } dispatchNamespace
            ? () => EnsureNamespaceAsync(dispatchNamespace, message.TenantId, cancellationToken)
            : (Func<Task>?)null;
        await creator.CreateAsync(message.TenantId, message.CommandId, message.Resources, alongside, cancellationToken);
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
