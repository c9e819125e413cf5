namespace Provisioning.Cloudflare;

/// <summary>A D1 database.</summary>
public sealed record D1Database
{
    /// <summary>The database UUID.</summary>
    public required string Uuid { get; init; }

    /// <summary>The name, unique within the account.</summary>
    public required string Name { get; init; }

    /// <summary>The storage version, e.g. <c>production</c>.</summary>
    public string? Version { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The jurisdiction (<c>eu</c>, <c>fedramp</c>), null for none.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>Number of tables (GET and create only).</summary>
    public int? NumTables { get; init; }

    /// <summary>Size in bytes (GET and create only).</summary>
    public long? FileSize { get; init; }
}
