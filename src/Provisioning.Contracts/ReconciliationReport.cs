namespace Provisioning.Contracts;

/// <summary>What a <see cref="Reconcile"/> run found, and what it did about it.</summary>
public sealed record ReconciliationReport
{
    /// <summary>When the run began.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Whether the run repaired (<see cref="Reconcile.Fix"/>) or only reported.</summary>
    public bool Fix { get; init; }

    /// <summary>Tenants compared (every tenant with a saga row).</summary>
    public int Tenants { get; init; }

    /// <summary>KV namespaces, D1 databases and R2 buckets listed in the account.</summary>
    public int CloudflareResources { get; init; }

    /// <summary>Every difference found, with what the run did about it; empty when the account matches the records.</summary>
    public IReadOnlyList<ReconciliationFinding> Findings { get; init; } = [];
}

/// <summary>One difference between the worker's records and Cloudflare.</summary>
public sealed record ReconciliationFinding
{
    /// <summary>One of <see cref="ReconciliationKinds"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The tenant concerned, when one is known.</summary>
    public string? TenantId { get; init; }

    /// <summary><c>kv_namespace</c>, <c>d1</c>, <c>r2_bucket</c> or <c>script</c>.</summary>
    public string ResourceType { get; init; } = "";

    /// <summary>The resource's (or script's) name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Cloudflare's id, when it has one.</summary>
    public string? CloudflareId { get; init; }

    /// <summary>Why this is a finding, in words.</summary>
    public string Detail { get; init; } = "";

    /// <summary>What the run did: <c>none</c>, <c>deleted</c>, <c>restore-sent</c>, or <c>failed: ...</c>.</summary>
    public string Action { get; init; } = "none";
}

/// <summary>The kinds of <see cref="ReconciliationFinding"/>.</summary>
public static class ReconciliationKinds
{
    /// <summary>In Cloudflare, ours by the ledger or by naming, used by no live tenant: the fix deletes it.</summary>
    public const string Orphan = "orphan";

    /// <summary>The ledger (or a tenant's state) says it exists, Cloudflare does not have it: reported, not recreated.</summary>
    public const string Missing = "missing";

    /// <summary>A live tenant's script binds something other than the ledger's bindings: the fix sends RestoreBindings.</summary>
    public const string Drift = "drift";
}
