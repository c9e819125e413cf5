namespace Provisioning.Components.Consumers;

public sealed class DeployScriptConsumerDefinition : CommandConsumerDefinition<DeployScriptConsumer>;
