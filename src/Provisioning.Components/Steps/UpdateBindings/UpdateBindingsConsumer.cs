using System.Text.Json;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Provisioning.Cloudflare;
using Provisioning.Components.Persistence;
using Provisioning.Contracts;

namespace Provisioning.Components.Steps.UpdateBindings;

/// <summary>
/// PATCH settings replaces the whole list, so it always carries the full desired set. Secrets cannot be re-sent (their
/// values are write-only and never stored here): they go as <c>{name, type}</c>, which Cloudflare keeps as they are.
/// </summary>
public sealed class UpdateBindingsConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts, TimeProvider time)
    : TenantStepConsumer<UpdateBindings>(step)
{
    protected override string StepName => StepNames.UpdateBindings;

    protected override async Task<string?> ExecuteAsync(UpdateBindings message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Bindings.Where(x => x.TenantId == message.TenantId).ToListAsync(cancellationToken);
        var resources = await db.OwnedResources.Where(x => x.TenantId == message.TenantId).ToDictionaryAsync(x => x.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        TenantBinding? added = null;
        WorkerBinding? addedBinding = null;
        string? removed = null;
        if (message.ApplyCommand)
        {
            var command = await db.Commands.SingleAsync(x => x.CommandId == message.CommandId, cancellationToken);
            if (command.CommandType == nameof(DetachBinding))
            {
                removed = JsonSerializer.Deserialize<DetachBinding>(command.PayloadJson, SystemTextJsonMessageSerializer.Options)!.BindingName;
            }
            else
            {
                var attach = JsonSerializer.Deserialize<AttachBinding>(command.PayloadJson, SystemTextJsonMessageSerializer.Options)!;
                (added, addedBinding) = attach.Resource is { } spec
                    ? ResourceBinding(spec, resources.Values, message, now)
                    : (NewRow(message, attach.Binding!.Name, attach.Binding.Type, Bindings.Definition(attach.Binding), null, now), Bindings.FromSpec(attach.Binding));
            }
        }

        var bindings = stored.Where(x => x.Name != removed && x.Name != added?.Name)
            .Select(x => Bindings.FromStored(x, x.OwnedResourceId is { } id ? resources[id] : null, name => new SecretTextBinding(name, null)))
            .ToList();
        if (addedBinding is not null)
        {
            bindings.Add(addedBinding);
        }

        await cloudflare.Scripts.UpdateSettingsAsync(message.DispatchNamespace, message.ScriptName,
            new WorkerScriptSettings { Bindings = bindings }, cancellationToken);
        Logger.LogInformation("Updated bindings of script {ScriptName} for tenant {TenantId}: {BindingCount} bindings (added {Added}, removed {Removed})",
            message.ScriptName, message.TenantId, bindings.Count, added?.Name, removed);

        if (added is not null && stored.All(x => x.Name != added.Name))
        {
            db.Bindings.Add(added);
        }

        db.Bindings.RemoveRange(stored.Where(x => x.Name == removed));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    static (TenantBinding, WorkerBinding) ResourceBinding(ResourceSpec spec, IEnumerable<OwnedResource> resources, UpdateBindings message, DateTime now)
    {
        var resource = resources.SingleOrDefault(x => x.BindingName == spec.BindingName && x.ResourceType == spec.Type && x.State == OwnedResourceState.Created)
            ?? throw new StepFailedException($"Resource for binding '{spec.BindingName}' was not created.");
        return (NewRow(message, spec.BindingName, spec.Type, Bindings.Definition(spec), resource.Id, now), Bindings.FromResource(resource, spec.BindingName));
    }

    static TenantBinding NewRow(UpdateBindings message, string name, string type, string definition, Guid? resourceId, DateTime now) => new()
    {
        TenantId = message.TenantId, Name = name, Type = type, DefinitionJson = definition, OwnedResourceId = resourceId,
        CreatedByCommandId = message.CommandId, CreatedAt = now, UpdatedAt = now,
    };
}
