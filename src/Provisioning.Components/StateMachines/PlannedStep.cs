using System.Text.Json;

namespace Provisioning.Components.StateMachines;

/// <summary>One step of an operation's plan or undo plan, as stored (JSON) in <see cref="TenantState"/>.</summary>
public sealed class PlannedStep
{
    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public string Step { get; set; } = "";

    public string? ResourceType { get; set; }

    public string? ResourceName { get; set; }

    public string? BindingName { get; set; }

    public string? LocationHint { get; set; }

    public string? Jurisdiction { get; set; }

    /// <summary>The ledger row a DeleteResource step deletes.</summary>
    public Guid? ResourceId { get; set; }

    /// <summary>UpdateBindings: apply the stored Attach/DetachBinding (false when compensating).</summary>
    public bool ApplyCommand { get; set; }

    public bool Completed { get; set; }

    public string? Etag { get; set; }

    public static List<PlannedStep> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<PlannedStep>>(json, Json) ?? [];

    public static string? Write(List<PlannedStep> plan) => plan.Count == 0 ? null : JsonSerializer.Serialize(plan, Json);
}
