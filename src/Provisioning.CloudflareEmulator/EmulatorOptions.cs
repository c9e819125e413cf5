namespace Provisioning.CloudflareEmulator;

/// <summary>Configuration of the emulator; bound from the "Emulator" section in the standalone host.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Accounts and the tokens that may act on them; empty means the single development account.</summary>
    public List<EmulatorAccount> Accounts { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Largest accepted upload (sum of all module parts); larger uploads fail with 10027.</summary>
    public long MaxScriptSizeBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Keep secret_text/secret_key bindings of the previous version on a script PUT whose upload carries no
    /// binding of that type (Cloudflare's rule is UNCONFIRMED, docs/emulator.md; wrangler relies on retention).
    /// </summary>
    public bool SecretsRetainedImplicitly { get; set; } = true;

    /// <summary>Accept a script PUT whose multipart body has only metadata (no module): the code is kept.</summary>
    public bool AllowMetadataOnlyUpload { get; set; } = true;

    /// <summary>The <see cref="StatePath"/> that keeps state in memory, like null or an empty string.</summary>
    public const string InMemoryStatePath = "memory";

    /// <summary>null, "" or "memory" keep state in memory; a file path keeps it in SQLite across restarts.</summary>
    public string? StatePath { get; set; }

    public static bool IsInMemory(string? statePath) =>
        string.IsNullOrWhiteSpace(statePath) || string.Equals(statePath.Trim(), InMemoryStatePath, StringComparison.OrdinalIgnoreCase);

    internal IReadOnlyList<EmulatorAccount> EffectiveAccounts =>
        Accounts.Count > 0
            ? Accounts
            : [new EmulatorAccount { AccountId = EmulatorDefaults.AccountId, Tokens = [EmulatorDefaults.ApiToken] }];
}

public sealed class EmulatorAccount
{
    public string AccountId { get; set; } = "";

    /// <summary>The account's name in GET /accounts and /memberships; empty = "Emulator account &lt;first 8 hex of the id&gt;".</summary>
    public string Name { get; set; } = "";

    public List<string> Tokens { get; set; } = [];

    internal string EffectiveName => Name.Length > 0 ? Name : $"Emulator account {AccountId[..Math.Min(8, AccountId.Length)]}";
}

/// <summary>Cloudflare's global API limit: 1200 requests per 300 s per user, then a five-minute block.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public int Requests { get; set; } = 1200;
    public int WindowSeconds { get; set; } = 300;
    public bool LockoutEnabled { get; set; } = true;
    public int LockoutSeconds { get; set; } = 300;
}
