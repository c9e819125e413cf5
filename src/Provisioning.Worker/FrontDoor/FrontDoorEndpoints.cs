using System.Text.Json;
using MassTransit;
using Provisioning.Contracts;
using Provisioning.Messaging;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// The embedded mode's front door: the CLI (and curl) send commands and read status over HTTP when there is no
/// broker to reach. It only publishes on the bus and asks the query consumers; nothing here bypasses the saga.
/// </summary>
public static partial class FrontDoorEndpoints
{
    public static WebApplication MapCommandFrontDoor(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/commands/{commandType}", SendCommandAsync);
        app.MapGet("/commands/{commandId:guid}", (Guid commandId, CommandOutcomes outcomes) =>
            outcomes.Find(commandId) is { } outcome
                ? Results.Ok(outcome)
                : Results.Json(new { commandId, status = "pending" }, statusCode: StatusCodes.Status202Accepted));
        app.MapGet("/tenants", ListTenantsAsync);
        app.MapGet("/tenants/{tenantId}", GetTenantAsync);
        app.MapGet("/tenants/{tenantId}/timeline", TimelineEndpoint.GetAsync);
        return app;
    }

    static async Task<IResult> SendCommandAsync(string commandType, HttpRequest request, IPublishEndpoint publisher,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (CommandQueues.CommandType(commandType) is not { } type)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown command '{commandType}'",
                detail: $"Commands: {string.Join(", ", CommandQueues.Names)}.");
        }

        object? command;
        try
        {
            command = await JsonSerializer.DeserializeAsync(request.Body, type, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid command", detail: ex.Message);
        }

        if (command is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is empty");
        }

        Guid? commandId = null;
        string? tenantId = (command as RetryCompensation)?.TenantId;
        if (command is ITenantCommand tenantCommand)
        {
            // A sender without ids of its own gets one here, as the CLI would assign it (the contract's init-only property).
            commandId = tenantCommand.CommandId == Guid.Empty ? NewId.NextGuid() : tenantCommand.CommandId;
            type.GetProperty(nameof(ITenantCommand.CommandId))!.SetValue(command, commandId);
            tenantId = tenantCommand.TenantId;
        }

        await publisher.Publish(command, type, cancellationToken);
        var logger = loggers.CreateLogger(typeof(FrontDoorEndpoints).FullName!);
        if (commandId is { } id)
        {
            LogCommandAccepted(logger, type.Name, id, tenantId);
        }
        else
        {
            LogOperatorCommandAccepted(logger, type.Name, tenantId);   // RetryCompensation carries no CommandId
        }

        return commandId is null
            ? Results.Accepted(value: new { commandType = type.Name })
            : Results.Accepted($"/commands/{commandId}", new { commandId, commandType = type.Name });
    }

    static async Task<IResult> ListTenantsAsync(string? state, IRequestClient<ListTenants> client, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponse<TenantList>(new ListTenants { State = state }, cancellationToken);
            return Results.Ok(response.Message);
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "No answer from the tenant list query");
        }
    }

    static async Task<IResult> GetTenantAsync(string tenantId, IRequestClient<GetTenantStatus> client, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = tenantId }, cancellationToken);
            return response.Is(out Response<TenantStatus>? status)
                ? Results.Ok(status.Message)
                : Results.NotFound(new TenantNotFound { TenantId = tenantId });
        }
        catch (RequestTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: $"No answer to the status query for tenant '{tenantId}'");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Front door published {CommandType} {CommandId} for tenant {TenantId}")]
    static partial void LogCommandAccepted(ILogger logger, string commandType, Guid commandId, string? tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Front door published {CommandType} for tenant {TenantId}")]
    static partial void LogOperatorCommandAccepted(ILogger logger, string commandType, string? tenantId);
}
