namespace Provisioning.CloudflareEmulator;

/// <summary>The development account and token; they open nothing but the emulator, so they are not secrets.</summary>
public static class EmulatorDefaults
{
    public const string AccountId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string ApiToken = "wfp-emulator-dev-token";
}
