namespace Provisioning.Components.Consumers;

/// <summary>Cloudflare's rules for the names of the resources the worker creates (docs/limits.md).</summary>
static class ResourceNameRules
{
    public const int MaxKvTitleLength = 512;
    public const int MinR2BucketNameLength = 3;
    public const int MaxR2BucketNameLength = 63;

    /// <summary>Why <paramref name="name"/> cannot name a resource of <paramref name="type"/>, or null when it can.</summary>
    public static string? Problem(string type, string name) => type switch
    {
        BindingTypes.KvNamespace when name.Length is 0 or > MaxKvTitleLength =>
            $"KV namespace title '{name}' must be 1 to {MaxKvTitleLength} characters.",
        BindingTypes.D1 when !IsD1Name(name) =>
            $"D1 database name '{name}' is not valid: use lowercase letters, digits, '-' or '_', starting with a letter or digit.",
        BindingTypes.R2Bucket when !IsR2BucketName(name) =>
            $"R2 bucket name '{name}' is not valid: use {MinR2BucketNameLength} to {MaxR2BucketNameLength} lowercase letters, digits or '-', not starting or ending with '-'.",
        _ => null,
    };

    static bool IsD1Name(string name) =>
        name.Length > 0 && IsLowerAlnum(name[0]) && name.All(c => IsLowerAlnum(c) || c is '-' or '_');

    static bool IsR2BucketName(string name) =>
        name.Length is >= MinR2BucketNameLength and <= MaxR2BucketNameLength
        && IsLowerAlnum(name[0]) && IsLowerAlnum(name[^1])
        && name.All(c => IsLowerAlnum(c) || c == '-');

    static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
