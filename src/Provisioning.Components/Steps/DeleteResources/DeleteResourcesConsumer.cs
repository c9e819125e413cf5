using Provisioning.Components.Steps.DeleteResource;

namespace Provisioning.Components.Steps.DeleteResources;

/// <summary>
/// Every delete at once (<see cref="ResourceDeleter"/>), waiting for all of them so none is left running when the step
/// answers. When the step runs again after a failure, what it already deleted is not asked for again.
/// </summary>
public sealed class DeleteResourcesConsumer(StepContext step, ResourceDeleter deleter) : TenantStepConsumer<DeleteResources>(step)
{
    protected override async Task<string?> ExecuteAsync(DeleteResources message, CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(message.TenantId, message.CommandId, message.Resources, message.Compensating, cancellationToken);
        return null;
    }
}
