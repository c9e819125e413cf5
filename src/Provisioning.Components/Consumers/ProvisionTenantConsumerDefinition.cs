namespace Provisioning.Components.Consumers;

public sealed class ProvisionTenantConsumerDefinition : CommandConsumerDefinition<ProvisionTenantConsumer>;
