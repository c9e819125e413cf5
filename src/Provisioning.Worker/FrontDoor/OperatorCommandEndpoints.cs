using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// The operator's requests on the front door, asked of their consumers by request/response like the status query:
/// POST /tenants/{id}/forget and POST /tenants/{id}/resume[?idleForSeconds=N]. 200 on success, 409 with the reason
/// when refused, 404 for an unknown tenant.
/// </summary>
public static class OperatorCommandEndpoints
{
    public static WebApplication MapOperatorCommands(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/tenants/{tenantId}/forget", (string tenantId, IRequestClient<ForgetTenant> client, CancellationToken cancellationToken) =>
            AskAsync<ForgetTenant, TenantForgotten>(client, tenantId, new ForgetTenant { TenantId = tenantId }, cancellationToken));
        app.MapPost("/tenants/{tenantId}/resume", (string tenantId, int? idleForSeconds, IRequestClient<ResumeTenant> client, CancellationToken cancellationToken) =>
            idleForSeconds is < 0
                ? Task.FromResult(Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "idleForSeconds must not be negative"))
                : AskAsync<ResumeTenant, TenantResumed>(client, tenantId,
                    new ResumeTenant { TenantId = tenantId, IdleFor = idleForSeconds is { } s ? TimeSpan.FromSeconds(s) : null }, cancellationToken));
        return app;
    }

    static async Task<IResult> AskAsync<TRequest, TDone>(IRequestClient<TRequest> client, string tenantId, TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TDone : class
    {
        try
        {
            var response = await client.GetResponse<TDone, OperatorCommandRefused, TenantNotFound>(request, cancellationToken);
            if (response.Is(out Response<TDone>? done))
            {
                return Results.Ok(done.Message);
            }

            return response.Is(out Response<OperatorCommandRefused>? refused)
                ? Results.Conflict(refused.Message)
                : Results.NotFound(new TenantNotFound { TenantId = tenantId });
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: $"No answer to {typeof(TRequest).Name}");
        }
    }
}
