namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>One resource (see <see cref="ResourceDeleter"/>): the undo of a create, a detach's delete, and deprovisions planned before <see cref="DeleteResources.DeleteResources"/>.</summary>
public sealed class DeleteResourceConsumer(StepContext step, ResourceDeleter deleter) : TenantStepConsumer<DeleteResource>(step)
{
    protected override async Task<string?> ExecuteAsync(DeleteResource message, CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(message.TenantId, message.CommandId,
            [new ResourceToDelete(message.ResourceType, message.ResourceName, message.OnlyIfCreatedByThisCommand)], message.Compensating, cancellationToken);
        return null;
    }
}
