namespace Provisioning.Components.Consumers;

public sealed class DeprovisionTenantConsumerDefinition : CommandConsumerDefinition<DeprovisionTenantConsumer>;
