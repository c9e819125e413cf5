using System.Text.Json.Serialization;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;
using Provisioning.Components.Steps.DeleteScript;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Components.Steps.VerifyBindings;

namespace Provisioning.Components.Steps;

/// <summary>
/// One unit of Cloudflare work. A step record says all it will do (its consumer never reads the command back), is
/// stored in the tenant's plan as it is (the "step" discriminator names the type), and is sent as a message with the
/// address fields filled in. A step that can be reversed says how in <see cref="Undo"/>.
/// </summary>
[ExcludeFromTopology] // nothing consumes the base type: no exchange for it on RabbitMQ
[JsonPolymorphic(TypeDiscriminatorPropertyName = "step")]
[JsonDerivedType(typeof(EnsureDispatchNamespace.EnsureDispatchNamespace), nameof(EnsureDispatchNamespace))]
[JsonDerivedType(typeof(CreateResource.CreateResource), nameof(CreateResource))]
[JsonDerivedType(typeof(CreateResources.CreateResources), nameof(CreateResources))]
[JsonDerivedType(typeof(UploadScript.UploadScript), nameof(UploadScript))]
[JsonDerivedType(typeof(UpdateBindings.UpdateBindings), nameof(UpdateBindings))]
[JsonDerivedType(typeof(VerifyBindings.VerifyBindings), nameof(VerifyBindings))]
[JsonDerivedType(typeof(DeleteResource.DeleteResource), nameof(DeleteResource))]
[JsonDerivedType(typeof(DeleteResources.DeleteResources), nameof(DeleteResources))]
[JsonDerivedType(typeof(DeleteScript.DeleteScript), nameof(DeleteScript))]
public abstract record TenantStep
{
    // Address: filled by the saga when it sends the step, absent from the stored plan.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Guid CorrelationId { get; init; }

    public string TenantId { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Guid CommandId { get; init; }

    /// <summary>Index in the operation's plan, or in its undo plan when <see cref="Compensating"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int StepIndex { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Compensating { get; init; }

    /// <summary>
    /// Background work for the request budget (a deprovision): it leaves a reserve to work a customer waits for.
    /// Set when the step is sent, from the operation's kind.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Background { get; init; }

    /// <summary>The step's name in plans, logs, metrics and failure events (FailedStep).</summary>
    [JsonIgnore]
    public string Name => GetType().Name;

    /// <summary>The steps that reverse this one after a later failure, in the order they run; empty when there is nothing to reverse.</summary>
    public virtual IReadOnlyList<TenantStep> Undo() => [];

    /// <summary>True when a failed attempt may still have changed something that <see cref="Undo"/> must reverse.</summary>
    [JsonIgnore]
    public virtual bool UndoEvenIfFailed => false;
}
