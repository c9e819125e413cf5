namespace Provisioning.Components.Consumers;

public sealed class DetachBindingConsumerDefinition : CommandConsumerDefinition<DetachBindingConsumer>;
