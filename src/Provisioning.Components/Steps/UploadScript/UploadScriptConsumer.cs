using System.Text;
using System.Text.Json;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Provisioning.Cloudflare;
using Provisioning.Components.Persistence;
using Provisioning.Contracts;

namespace Provisioning.Components.Steps.UploadScript;

/// <summary>
/// Sends every binding the tenant should have. Secrets already in Cloudflare go as <c>inherit</c> with
/// <c>bindings_inherit=strict</c> (a secret that vanished fails the upload with 10057 instead of being dropped), plus
/// <c>keep_bindings</c> for the secret types, which keeps them under every reading of Cloudflare's retention rules.
/// </summary>
public sealed class UploadScriptConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time)
    : TenantStepConsumer<UploadScript>(step)
{
    protected override string StepName => StepNames.UploadScript;

    protected override async Task<string?> ExecuteAsync(UploadScript message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var command = await db.Commands.SingleAsync(x => x.CommandId == message.CommandId, cancellationToken);
        var stored = await db.Bindings.Where(x => x.TenantId == message.TenantId).ToListAsync(cancellationToken);
        var resources = await db.OwnedResources.Where(x => x.TenantId == message.TenantId).ToDictionaryAsync(x => x.Id, cancellationToken);
        var (script, newBindings, tags) = ReadCommand(command);

        var bindings = stored.Where(x => newBindings.All(n => n.Name != x.Name))
            .Select(x => Bindings.FromStored(x, x.OwnedResourceId is { } id ? resources[id] : null, name => new InheritBinding(name)))
            .Concat(newBindings.Select(x => x.Binding))
            .ToList();

        var result = await cloudflare.Scripts.UploadAsync(message.DispatchNamespace, message.ScriptName, new WorkerScriptUpload
        {
            MainModule = script.MainModule,
            Modules = script.Modules.Select(m => new WorkerModule(m.Name, Encoding.UTF8.GetBytes(m.Content), m.ContentType)).ToList(),
            CompatibilityDate = script.CompatibilityDate ?? Options.DefaultCompatibilityDate,
            CompatibilityFlags = script.CompatibilityFlags,
            Bindings = bindings,
            KeepBindings = [WorkerBindingTypes.SecretText, WorkerBindingTypes.SecretKey],
            StrictBindingInheritance = true,
            Tags = tags,
        }, cancellationToken);
        Logger.LogInformation("Uploaded script {ScriptName} to {DispatchNamespace} for tenant {TenantId} with {BindingCount} bindings",
            message.ScriptName, message.DispatchNamespace, message.TenantId, bindings.Count);

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var added in newBindings.Where(n => stored.All(x => x.Name != n.Name)))
        {
            db.Bindings.Add(new TenantBinding
            {
                TenantId = message.TenantId, Name = added.Name, Type = added.Binding.Type, DefinitionJson = added.Definition,
                OwnedResourceId = added.Resource?.Id, CreatedByCommandId = message.CommandId, CreatedAt = now, UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return result.Etag;

        (ScriptSpec Script, List<NewBinding> Bindings, IReadOnlyList<string>? Tags) ReadCommand(TenantCommand command)
        {
            if (command.CommandType == nameof(DeployScript))
            {
                return (Deserialize<DeployScript>(command).Script, [], null);
            }

            var provision = Deserialize<ProvisionTenant>(command);
            var created = resources.Values.Where(r => r.State == OwnedResourceState.Created).ToList();
            var list = provision.Resources
                .Select(r => created.SingleOrDefault(x => x.BindingName == r.BindingName && x.ResourceType == r.Type)
                    is { } row ? new NewBinding(r.BindingName, Bindings.FromResource(row, r.BindingName), Bindings.Definition(r), row)
                    : throw new StepFailedException($"Resource for binding '{r.BindingName}' was not created."))
                .Concat(provision.Bindings.Select(b => new NewBinding(b.Name, Bindings.FromSpec(b), Bindings.Definition(b), null)))
                .ToList();
            return (provision.Script, list, provision.Tags);
        }
    }

    static T Deserialize<T>(TenantCommand command) =>
        JsonSerializer.Deserialize<T>(command.PayloadJson, SystemTextJsonMessageSerializer.Options)
        ?? throw new StepFailedException($"Stored command {command.CommandId} is empty.");

    sealed record NewBinding(string Name, WorkerBinding Binding, string Definition, OwnedResource? Resource);
}
