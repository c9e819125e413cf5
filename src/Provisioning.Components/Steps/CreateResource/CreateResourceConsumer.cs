namespace Provisioning.Components.Steps.CreateResource;

/// <summary>One resource of a plan stored before <see cref="CreateResources.CreateResources"/> (see <see cref="ResourceCreator"/>).</summary>
public sealed class CreateResourceConsumer(StepContext step, ResourceCreator creator) : TenantStepConsumer<CreateResource>(step)
{
    protected override async Task<string?> ExecuteAsync(CreateResource message, CancellationToken cancellationToken)
    {
        await creator.CreateAsync(message.TenantId, message.CommandId, [message.Resource], alongside: null, cancellationToken);
        return null;
    }
}
