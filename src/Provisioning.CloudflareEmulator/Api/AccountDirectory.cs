namespace Provisioning.CloudflareEmulator.Api;

/// <summary>Maps API tokens to the one account each may act on.</summary>
internal sealed class AccountDirectory
{
    private readonly Dictionary<string, string> _accountByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameById;

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
        _nameById = options.EffectiveAccounts.GroupBy(a => a.AccountId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().EffectiveName, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> AccountIds { get; }

    public string? AccountFor(string? token) =>
        token is not null && _accountByToken.TryGetValue(token, out var account) ? account : null;

    public string NameOf(string accountId) => _nameById[accountId];
}
