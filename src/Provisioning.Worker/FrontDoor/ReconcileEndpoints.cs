using MassTransit;
using Provisioning.Contracts;

namespace Provisioning.Worker.FrontDoor;

/// <summary><c>POST /reconcile[?fix=true]</c>: runs the reconciler on a worker (over the bus, like <c>wfp reconcile</c> on RabbitMQ) and answers its report.</summary>
public static class ReconcileEndpoints
{
    /// <summary>A run walks the whole account as background budget work; a large account can take minutes.</summary>
    static readonly RequestTimeout Patience = RequestTimeout.After(m: 30);

    public static WebApplication MapReconcile(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/reconcile", ReconcileAsync);
        return app;
    }

    static async Task<IResult> ReconcileAsync(bool? fix, IRequestClient<Reconcile> client, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponse<ReconciliationReport>(new Reconcile { Fix = fix ?? false }, cancellationToken, Patience);
            return Results.Ok(response.Message);
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "No reconciliation report within 30 minutes");
        }
        catch (RequestFaultException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The reconciliation failed", detail: ex.Fault?.Exceptions.FirstOrDefault()?.Message);
        }
    }
}
