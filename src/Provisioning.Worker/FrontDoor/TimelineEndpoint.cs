using MassTransit;
using Provisioning.Components.Queries;
using Provisioning.Contracts;

namespace Provisioning.Worker.FrontDoor;

/// <summary>GET /tenants/{id}/timeline?limit=&amp;before=: the GetTenantTimeline query over the bus, like the CLI asks it.</summary>
public static class TimelineEndpoint
{
    public static async Task<IResult> GetAsync(string tenantId, int? limit, long? before, IRequestClient<GetTenantTimeline> client,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > GetTenantTimelineConsumer.MaxLimit)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "limit is out of range",
                detail: $"limit must be between 1 and {GetTenantTimelineConsumer.MaxLimit}; it was {limit}.");
        }

        try
        {
            var response = await client.GetResponse<TenantTimeline, TenantNotFound>(
                new GetTenantTimeline { TenantId = tenantId, Limit = limit, Before = before }, cancellationToken);
            return response.Is(out Response<TenantTimeline>? timeline)
                ? Results.Ok(timeline.Message)
                : Results.NotFound(new TenantNotFound { TenantId = tenantId });
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: $"No answer to the timeline query for tenant '{tenantId}'");
        }
    }
}
