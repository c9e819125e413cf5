namespace Provisioning.Components.Queries;

public sealed class GetTenantStatusConsumerDefinition : ConsumerDefinition<GetTenantStatusConsumer>
{
    public GetTenantStatusConsumerDefinition() => EndpointName = "get-tenant-status";
}

public sealed class ListTenantsConsumerDefinition : ConsumerDefinition<ListTenantsConsumer>
{
    public ListTenantsConsumerDefinition() => EndpointName = "list-tenants";
}

public sealed class GetTenantTimelineConsumerDefinition : ConsumerDefinition<GetTenantTimelineConsumer>
{
    public GetTenantTimelineConsumerDefinition() => EndpointName = "get-tenant-timeline";
}
