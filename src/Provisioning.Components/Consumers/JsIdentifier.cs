namespace Provisioning.Components.Consumers;

/// <summary>Binding names: Cloudflare wants "a JavaScript variable name" (the binding becomes <c>env.NAME</c>); see docs/limits.md.</summary>
static class JsIdentifier
{
    // ECMAScript reserved words (strict mode included, since modules are strict): valid as env.NAME but not as the
    // variable that `const { NAME } = env` or generated Env types declare.
    static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof",
        "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super", "switch",
        "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
    };

    // We accept the ASCII subset of identifiers.
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && IsStart(name[0])
        && name.All(c => IsStart(c) || char.IsAsciiDigit(c))
        && !ReservedWords.Contains(name);

    /// <summary>Why <paramref name="name"/> is not a binding name, or null when it is one.</summary>
    public static string? Problem(string? name) => name switch
    {
        _ when IsValid(name) => null,
        null or "" => "A binding has no name: give each binding a JavaScript identifier as its name (for example 'CACHE').",
        _ when ReservedWords.Contains(name) => $"Binding name '{name}' is a JavaScript reserved word; choose another name.",
        _ => $"Binding name '{name}' is not a JavaScript identifier: use letters, digits, '_' or '$', not starting with a digit.",
    };

    static bool IsStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';
}
