using System.Text;
using Provisioning.Components.Secrets;

namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Sends every binding the tenant should have. Secrets already in Cloudflare go as <c>inherit</c> with
/// <c>bindings_inherit=strict</c> (a secret that vanished fails the upload with 10057 instead of being dropped), plus
/// <c>keep_bindings</c> for the secret types, which keeps them under every reading of Cloudflare's retention rules.
/// </summary>
public sealed class UploadScriptConsumer(
    StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, SecretProtector secrets, TimeProvider time)
    : TenantStepConsumer<UploadScript>(step)
{
    protected override async Task<string?> ExecuteAsync(UploadScript message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bundle = await db.ScriptBundles.AsNoTracking().SingleOrDefaultAsync(x => x.Hash == message.Script.BundleHash, cancellationToken)
            ?? throw new StepFailedException($"Script bundle {message.Script.BundleHash} is not stored.");
        var stored = await StoredBindings.LoadAsync(db, message.TenantId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var added = message.NewBindings.Select(x => Bindings.Resolve(secrets.Reveal(x), stored.Ledger.Values, message.TenantId, message.CommandId, now)).ToList();

        var bindings = stored.ToWorkerBindings(x => added.All(n => n.Row.Name != x.Name), name => new InheritBinding(name))
            .Concat(added.Select(x => x.Binding))
            .ToList();

        var result = await cloudflare.Scripts.UploadAsync(message.DispatchNamespace, message.ScriptName, new WorkerScriptUpload
        {
            MainModule = message.Script.MainModule,
            Modules = bundle.Modules.Select(m => new WorkerModule(m.Name, Encoding.UTF8.GetBytes(m.Content), m.ContentType)).ToList(),
            CompatibilityDate = message.Script.CompatibilityDate,
            CompatibilityFlags = message.Script.CompatibilityFlags,
            Bindings = bindings,
            KeepBindings = [WorkerBindingTypes.SecretText, WorkerBindingTypes.SecretKey],
            StrictBindingInheritance = true,
            Tags = message.Tags,
        }, cancellationToken);
        Logger.LogInformation("Uploaded script {ScriptName} to {DispatchNamespace} for tenant {TenantId} with {BindingCount} bindings (bundle {BundleHash})",
            message.ScriptName, message.DispatchNamespace, message.TenantId, bindings.Count, message.Script.BundleHash[..12]);

        db.Bindings.AddRange(added.Where(n => stored.Rows.All(x => x.Name != n.Row.Name)).Select(x => x.Row));
        await db.SaveChangesAsync(cancellationToken);
        return result.Etag;
    }
}
