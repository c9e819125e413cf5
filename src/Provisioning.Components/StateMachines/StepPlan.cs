using System.Text.Json;
using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines;

/// <summary>A plan of step records as stored in <see cref="TenantState"/> (polymorphic JSON, discriminated by "step").</summary>
public static class StepPlan
{
    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static IReadOnlyList<TenantStep> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<TenantStep>>(json, Json) ?? [];

    public static string? Write(IReadOnlyList<TenantStep> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Count == 0 ? null : JsonSerializer.Serialize(plan, Json);
    }
}
