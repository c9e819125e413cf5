using System.Net;
using System.Text;
using Provisioning.Components.Secrets;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Sends every binding the tenant should have. Secrets already in Cloudflare go as <c>inherit</c> with
/// <c>bindings_inherit=strict</c> (a secret that vanished fails the upload with 10057 instead of being dropped), plus
/// <c>keep_bindings</c> for the secret types, which keeps them under every reading of Cloudflare's retention rules.
/// Then the read-back: any binding missing, changed or unexpected fails the step.
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

        var upload = new WorkerScriptUpload
        {
            MainModule = message.Script.MainModule,
            Modules = bundle.Modules.Select(m => new WorkerModule(m.Name, Encoding.UTF8.GetBytes(m.Content), m.ContentType)).ToList(),
            CompatibilityDate = message.Script.CompatibilityDate,
            CompatibilityFlags = message.Script.CompatibilityFlags,
            Bindings = bindings,
            KeepBindings = [WorkerBindingTypes.SecretText, WorkerBindingTypes.SecretKey],
            StrictBindingInheritance = true,
            Tags = message.Tags,
        };
        var result = await UploadAsync(message, upload, cancellationToken);
        Logger.LogInformation("Uploaded script {ScriptName} to {DispatchNamespace} for tenant {TenantId} with {BindingCount} bindings (bundle {BundleHash})",
            message.ScriptName, message.DispatchNamespace, message.TenantId, bindings.Count, message.Script.BundleHash[..12]);

        db.Bindings.AddRange(added.Where(n => stored.Rows.All(x => x.Name != n.Row.Name)).Select(x => x.Row));
        await db.SaveChangesAsync(cancellationToken);
        await BindingDrift.VerifyAsync(db, cloudflare, message.TenantId, message.DispatchNamespace, message.ScriptName, cancellationToken);
        return result.Etag;
    }

    /// <summary>
    /// Uploads; a namespace deleted out of band is created again first (the ledger says the tenant lives there, and an
    /// upload into it creates the script with every binding), and secrets Cloudflare no longer holds fail the step with
    /// the way to repair it, since their values are never kept here.
    /// </summary>
    async Task<WorkerScript> UploadAsync(UploadScript message, WorkerScriptUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                return await cloudflare.Scripts.UploadAsync(message.DispatchNamespace, message.ScriptName, upload, cancellationToken);
            }
            catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                if (!await cloudflare.DispatchNamespaces.EnsureAsync(message.DispatchNamespace, cancellationToken))
                {
                    throw;
                }

                Logger.LogWarning(
                    "Dispatch namespace {DispatchNamespace} was gone from Cloudflare; created it again for tenant {TenantId}, whose script lives there, and uploading again",
                    message.DispatchNamespace, message.TenantId);
                return await cloudflare.Scripts.UploadAsync(message.DispatchNamespace, message.ScriptName, upload, cancellationToken);
            }
        }
        catch (CloudflareApiException ex) when (ex.HasErrorCode(CloudflareErrorCodes.UnresolvedInheritBinding))
        {
            var missing = upload.Bindings.OfType<InheritBinding>().Select(x => x.Name).Where(name => ex.Errors.Any(e => e.Message.Contains($"'{name}'", StringComparison.Ordinal)));
            throw new StepFailedException(
                $"Cloudflare no longer holds secret(s) {string.Join(", ", missing.DefaultIfEmpty("of the script"))} of script {message.ScriptName} " +
                $"(removed outside wfp-provisioner, or the script or its namespace was deleted); secret values are never kept here, so nothing was uploaded. " +
                $"Repair: put the secret(s) back on the script in Cloudflare (wrangler secret put NAME --name {message.ScriptName} --dispatch-namespace {message.DispatchNamespace}) " +
                $"if the script still exists, or deprovision and provision the tenant again with its secrets. Cloudflare said: {ex.Errors[0].Message}",
                ex);
        }
    }
}
