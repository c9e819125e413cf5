namespace Provisioning.CloudflareEmulator.Tests.Support;

/// <summary>The development account (named) plus a second one with its own token, for isolation and discovery tests.</summary>
public static class TwoAccounts
{
    public const string OtherAccount = "1111111111111111111111111111111a";
    public const string OtherToken = "other-token";
    public const string DevelopmentAccountName = "Acme platform";

    public static void Configure(EmulatorOptions options) => options.Accounts =
    [
        new EmulatorAccount { AccountId = EmulatorDefaults.AccountId, Name = DevelopmentAccountName, Tokens = [EmulatorDefaults.ApiToken] },
        new EmulatorAccount { AccountId = OtherAccount, Tokens = [OtherToken] },
    ];
}
