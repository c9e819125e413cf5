namespace Provisioning.CloudflareEmulator.Api;

/// <summary>Maps API tokens to the one account each may act on.</summary>
internal sealed class AccountDirectory
{
    private readonly Dictionary<string, string> _accountByToken = new(StringComparer.Ordinal);

    public AccountDirectory(EmulatorOptions options)
    {
        foreach (var account in options.EffectiveAccounts)
        {
            foreach (var token in account.Tokens)
            {
                _accountByToken[token] = account.AccountId;
            }
        }

        AccountIds = options.EffectiveAccounts.Select(a => a.AccountId).Distinct().ToList();
    }

    public IReadOnlyList<string> AccountIds { get; }

    public string? AccountFor(string? token) =>
        token is not null && _accountByToken.TryGetValue(token, out var account) ? account : null;
}
