using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Provisioning.Components.Consumers;

/// <summary>
/// Checks a command before anything is stored or created. Each problem is a sentence the sender can act on; values
/// of text and secret bindings never appear in one.
/// </summary>
[SuppressMessage("Performance", "CA1822", Justification = "Every Validate overload is an instance member so callers use one injected validator.")]
public sealed class CommandValidator(IOptions<ProvisioningOptions> options, TimeProvider time)
{
    public IReadOnlyList<string> Validate(ProvisionTenant command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);

        if (command.ScriptName is not null && ScriptRules.ScriptNameProblem(command.ScriptName) is { } scriptProblem)
        {
            problems.Add(scriptProblem);
        }

        if (command.DispatchNamespace is not null && !ScriptRules.IsDispatchNamespaceName(command.DispatchNamespace))
        {
            problems.Add($"Dispatch namespace '{command.DispatchNamespace}' is not valid: use 1 to 63 letters, digits, '.', '_' or '-'.");
        }

        foreach (var resource in command.Resources ?? [])
        {
            BindingRules.ValidateResource(resource, command.TenantId, problems);
        }

        foreach (var binding in command.Bindings ?? [])
        {
            BindingRules.ValidateBinding(binding, problems);
        }

        var names = (command.Resources ?? []).Select(r => r?.BindingName).Concat((command.Bindings ?? []).Select(b => b?.Name));
        foreach (var duplicate in names.Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Binding name '{duplicate.Key}' is used {duplicate.Count()} times; binding names must be unique within a script.");
        }

        var textBindings = (command.Bindings ?? []).Count(b => b?.Type is BindingTypes.PlainText or BindingTypes.SecretText);
        if (textBindings > BindingRules.MaxTextBindings)
        {
            problems.Add($"{textBindings} plain_text and secret_text bindings given; Cloudflare allows at most {BindingRules.MaxTextBindings} per script.");
        }

        ScriptRules.Validate(command.Script, options.Value.MaxScriptSizeBytes, Today, problems);
        ScriptRules.ValidateTags(command.Tags, problems);
        return problems;
    }

    public IReadOnlyList<string> Validate(AttachBinding command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);

        switch (command.Resource, command.Binding)
        {
            case (null, null):
                problems.Add("Give either 'resource' (a kv_namespace, d1 or r2_bucket to create) or 'binding' (any other binding type).");
                break;
            case (not null, not null):
                problems.Add("Give either 'resource' or 'binding', not both: one AttachBinding adds one binding.");
                break;
            case ({ } resource, null):
                BindingRules.ValidateResource(resource, command.TenantId, problems);
                break;
            case (null, { } binding):
                BindingRules.ValidateBinding(binding, problems);
                break;
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(DetachBinding command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);
        if (JsIdentifier.Problem(command.BindingName) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(DeployScript command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = Common(command.CommandId, command.TenantId);
        ScriptRules.Validate(command.Script, options.Value.MaxScriptSizeBytes, Today, problems);
        return problems;
    }

    /// <summary>Every command: the rules of its type where it has some, else the ones all commands share (ids).</summary>
    public IReadOnlyList<string> Validate(ITenantCommand command) => command switch
    {
        null => throw new ArgumentNullException(nameof(command)),
        ProvisionTenant provision => Validate(provision),
        AttachBinding attach => Validate(attach),
        DetachBinding detach => Validate(detach),
        DeployScript deploy => Validate(deploy),
        _ => Common(command.CommandId, command.TenantId),
    };

    DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    static List<string> Common(Guid commandId, string? tenantId)
    {
        var problems = new List<string>();
        if (commandId == Guid.Empty)
        {
            problems.Add("CommandId is required: a new GUID chosen by the sender for each command (a repeat of it is recognised as the same command).");
        }

        if (TenantIds.GetValidationError(tenantId) is { } tenantProblem)
        {
            problems.Add(tenantProblem);
        }

        return problems;
    }
}
