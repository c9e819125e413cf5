using System.Globalization;
using System.Text;

namespace Provisioning.Components.Consumers;

/// <summary>What a script, its name and its dispatch namespace must look like before anything is created.</summary>
static class ScriptRules
{
    const int MaxScriptNameLength = 63;

    public static void Validate(ScriptSpec? script, int maxScriptSizeBytes, List<string> problems)
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

        if (script.CompatibilityDate is not null
            && !DateOnly.TryParseExact(script.CompatibilityDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"Compatibility date '{script.CompatibilityDate}' is not a date in the form yyyy-MM-dd.");
        }

        if ((script.CompatibilityFlags ?? []).Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Compatibility flags must not be empty.");
        }
    }

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
