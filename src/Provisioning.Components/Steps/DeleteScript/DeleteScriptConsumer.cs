using System.Net;

namespace Provisioning.Components.Steps.DeleteScript;

/// <summary>404 counts as deleted. The script's bindings go with it, so its TenantBindings rows are removed too.</summary>
public sealed class DeleteScriptConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts)
    : TenantStepConsumer<DeleteScript>(step)
{
    protected override async Task<string?> ExecuteAsync(DeleteScript message, CancellationToken cancellationToken)
    {
        try
        {
            // force: a script bound by others (a service binding) is deleted anyway; the tenant is going away.
            await cloudflare.Scripts.DeleteAsync(message.DispatchNamespace, message.ScriptName, force: true, cancellationToken);
            Logger.Log(message.Compensating ? LogLevel.Warning : LogLevel.Information,
                "Deleted script {ScriptName} from {DispatchNamespace} for tenant {TenantId}{Reason}",
                message.ScriptName, message.DispatchNamespace, message.TenantId, message.Compensating ? " to compensate a failed provision" : "");
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            Logger.LogInformation("Script {ScriptName} of tenant {TenantId} was already gone", message.ScriptName, message.TenantId);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Bindings.RemoveRange(await db.Bindings.Where(x => x.TenantId == message.TenantId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
