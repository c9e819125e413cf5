using Provisioning.Components.Secrets;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components.Steps.UpdateBindings;

/// <summary>
/// PATCH settings replaces the whole list, so it always carries the full desired set. Secrets cannot be re-sent (their
/// values are write-only and never stored here): they go as <c>{name, type}</c>, which Cloudflare keeps as they are.
/// Then the read-back (not in an undo): any binding missing, changed or unexpected fails the step.
/// </summary>
public sealed class UpdateBindingsConsumer(
    StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, SecretProtector secrets, TimeProvider time)
    : TenantStepConsumer<UpdateBindings>(step)
{
    protected override async Task<string?> ExecuteAsync(UpdateBindings message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await StoredBindings.LoadAsync(db, message.TenantId, cancellationToken);
        (WorkerBinding Binding, TenantBinding Row)? added = message.Add is { } add
            ? Bindings.Resolve(secrets.Reveal(add), stored.Ledger.Values, message.TenantId, message.CommandId, time.GetUtcNow().UtcDateTime)
            : null;

        var bindings = stored.ToWorkerBindings(x => x.Name != message.Remove && x.Name != message.Add?.Name, name => new SecretTextBinding(name, null))
            .ToList();
        if (added is { } a)
        {
            bindings.Add(a.Binding);
        }

        await cloudflare.Scripts.UpdateSettingsAsync(message.DispatchNamespace, message.ScriptName,
            new WorkerScriptSettings { Bindings = bindings }, cancellationToken);
        if (added is { } change)
        {
            Logger.LogInformation("Bound {BindingName} ({BindingType}) to script {ScriptName} of tenant {TenantId}: {BindingCount} bindings",
                change.Row.Name, change.Row.Type, message.ScriptName, message.TenantId, bindings.Count);
        }
        else if (message.Remove is not null)
        {
            Logger.LogInformation("Unbound {BindingName} from script {ScriptName} of tenant {TenantId}: {BindingCount} bindings",
                message.Remove, message.ScriptName, message.TenantId, bindings.Count);
        }
        else
        {
            Logger.LogInformation("Restored the {BindingCount} bindings of script {ScriptName} of tenant {TenantId}", bindings.Count, message.ScriptName, message.TenantId);
        }

        if (added is { } binding && stored.Rows.All(x => x.Name != binding.Row.Name))
        {
            db.Bindings.Add(binding.Row);
        }

        db.Bindings.RemoveRange(stored.Rows.Where(x => x.Name == message.Remove));
        await db.SaveChangesAsync(cancellationToken);
        if (!message.Compensating)
        {
            // An undo does not read back: the drift that failed the operation may be what it meets, and it must still run.
            await BindingDrift.VerifyAsync(db, cloudflare, message.TenantId, message.DispatchNamespace, message.ScriptName, cancellationToken);
        }

        return null;
    }
}
