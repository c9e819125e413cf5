namespace Provisioning.Components.Consumers;

public sealed class AttachBindingConsumerDefinition : CommandConsumerDefinition<AttachBindingConsumer>;
