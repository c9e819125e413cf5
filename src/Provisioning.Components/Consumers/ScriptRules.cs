using System.Globalization;
using System.Text;

namespace Provisioning.Components.Consumers;

/// <summary>What a script, its name and its dispatch namespace must look like before anything is created.</summary>
static class ScriptRules
{
    const int MaxScriptNameLength = 63;

    const int MaxTags = 8;                 // Workers for Platforms: at most 8 tags per script

    public static void Validate(ScriptSpec? script, int maxScriptSizeBytes, DateOnly today, List<string> problems)
    {
        if (script is null || script.Modules is null || script.Modules.Count == 0)
        {
            problems.Add("The script has no modules: give at least one module and name it as the main module.");
            return;
        }

        foreach (var module in script.Modules.Where(m => m is null || string.IsNullOrWhiteSpace(m.Name)))
        {
            problems.Add("Every module needs a name (for example 'index.js').");
        }

        var modules = script.Modules.Where(m => m is not null && !string.IsNullOrWhiteSpace(m.Name)).ToList();
        foreach (var duplicate in modules.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Module name '{duplicate.Key}' is used {duplicate.Count()} times; module names must be unique.");
        }

        if (string.IsNullOrWhiteSpace(script.MainModule))
        {
            problems.Add("The main module is missing: set 'mainModule' to the name of the module that exports the handlers.");
        }
        else if (modules.All(m => m.Name != script.MainModule))
        {
            problems.Add($"The main module '{script.MainModule}' is not among the modules ({string.Join(", ", modules.Select(m => m.Name))}).");
        }

        foreach (var module in modules.Where(m => string.IsNullOrWhiteSpace(m.ContentType)))
        {
            problems.Add($"Module '{module.Name}' needs a content type (for example 'application/javascript+module').");
        }

        var size = modules.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Content ?? ""));
        var limit = maxScriptSizeBytes;
        if (size > limit)
        {
            problems.Add($"The script is {size} bytes; the limit is {limit} bytes.");
        }

        CompatibilityRules(script, today, problems);
    }

    public static void ValidateTags(IReadOnlyList<string>? tags, List<string> problems)
    {
        tags ??= [];
        if (tags.Count > MaxTags)
        {
            problems.Add($"{tags.Count} tags given; a script can have at most {MaxTags}.");
        }

        foreach (var tag in tags.Where(t => string.IsNullOrWhiteSpace(t) || t.Contains(',', StringComparison.Ordinal) || t.Contains('&', StringComparison.Ordinal)))
        {
            problems.Add($"Tag '{tag}' is not valid: tags must be non-empty and must not contain ',' or '&'.");
        }

        foreach (var duplicate in tags.Where(t => t is not null).GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Tag '{duplicate.Key}' is given {duplicate.Count()} times; tags must be unique.");
        }
    }

    static void CompatibilityRules(ScriptSpec script, DateOnly today, List<string> problems)
    {
        if (script.CompatibilityDate is { } text)
        {
            // TryParseExact also refuses dates that do not exist (2025-02-30).
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"Compatibility date '{text}' is not a date in the form yyyy-MM-dd.");
            }
            else if (date > today)
            {
                problems.Add($"Compatibility date '{text}' is in the future; the latest allowed is today ({today:yyyy-MM-dd}, UTC).");
            }
        }

        var flags = script.CompatibilityFlags ?? [];
        foreach (var flag in flags.Where(f => !IsFlag(f)))
        {
            problems.Add(string.IsNullOrWhiteSpace(flag)
                ? "Compatibility flags must not be empty."
                : $"Compatibility flag '{flag}' is not valid: flags are lowercase letters, digits and '_' (for example 'nodejs_compat').");
        }

        foreach (var duplicate in flags.Where(IsFlag).GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Compatibility flag '{duplicate.Key}' is given {duplicate.Count()} times; give each flag once.");
        }
    }

    static bool IsFlag(string? flag) =>
        !string.IsNullOrEmpty(flag) && flag.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public static string? ScriptNameProblem(string name)
    {
        // Cloudflare's rule for Worker names (WfP does not check names in a namespace, but the same names must work
        // in URLs, logs and wrangler).
        var valid = name.Length is > 0 and <= MaxScriptNameLength
            && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
        return valid
            ? null
            : $"Script name '{name}' is not valid: use 1 to {MaxScriptNameLength} lowercase letters, digits, '-' or '_', starting with a letter, digit or '_'.";
    }

    public static bool IsDispatchNamespaceName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
