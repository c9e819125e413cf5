namespace Provisioning.Components.Consumers;

static class JsIdentifier
{
    // Cloudflare wants "a JavaScript variable name" (the binding becomes env.NAME); we accept the ASCII subset.
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && IsStart(name[0])
        && name.All(c => IsStart(c) || char.IsAsciiDigit(c));

    static bool IsStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';
}
