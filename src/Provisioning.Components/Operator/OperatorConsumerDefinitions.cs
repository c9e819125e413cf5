namespace Provisioning.Components.Operator;

public sealed class ForgetTenantConsumerDefinition : ConsumerDefinition<ForgetTenantConsumer>
{
    public ForgetTenantConsumerDefinition() => EndpointName = "forget-tenant";
}

public sealed class ResumeTenantConsumerDefinition : ConsumerDefinition<ResumeTenantConsumer>
{
    public ResumeTenantConsumerDefinition() => EndpointName = "resume-tenant";
}
