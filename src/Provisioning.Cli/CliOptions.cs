using System.CommandLine;
using Provisioning.Contracts;

namespace Provisioning.Cli;

internal static class Options
{
    public static Argument<string> Tenant() => new("tenant") { Description = "The tenant id (lowercase letters, digits, hyphens)." };

    public static Option<string[]> Many(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public static Option<FileInfo[]> Modules(bool required)
    {
        var option = new Option<FileInfo[]>("--module")
        {
            Description = "A module file (ES module .js/.mjs, .json, .txt); repeat for several. The first is the main module unless --main-module says otherwise.",
            Required = required,
        };
        if (!required)
        {
            // A default would satisfy Required, so only the optional form has one.
            option.DefaultValueFactory = _ => [];
        }

        return option;
    }

    public static readonly Option<string?> MainModule = new("--main-module") { Description = "File name of the main module." };
    public static readonly Option<string?> CompatibilityDate = new("--compat-date") { Description = "Workers compatibility date, e.g. 2025-11-01 (default: the worker's Provisioning:DefaultCompatibilityDate)." };
    public static readonly Option<string[]> CompatibilityFlags = Many("--compat-flag", "A Workers compatibility flag, e.g. nodejs_compat; repeat for several.");

    /// <summary>The script from --module, --main-module, --compat-date and --compat-flag.</summary>
    public static ScriptSpec Script(ParseResult parse, Option<FileInfo[]> modules) =>
        Script(parse.GetValue(modules)!, parse.GetValue(MainModule), parse.GetValue(CompatibilityDate)) with
        {
            CompatibilityFlags = parse.GetValue(CompatibilityFlags)!,
        };

    static ScriptSpec Script(FileInfo[] files, string? mainModule, string? compatibilityDate)
    {
        var modules = files.Length == 0 ? [HelloWorld.Module] : files.Select(ReadModule).ToList();
        return new ScriptSpec
        {
            Modules = modules,
            MainModule = mainModule ?? modules[0].Name,
            CompatibilityDate = compatibilityDate,   // null: the worker's Provisioning:DefaultCompatibilityDate
        };
    }

    static ScriptModule ReadModule(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"Module file {file.FullName} does not exist.");
        }

        var contentType = file.Extension.ToLowerInvariant() switch
        {
            ".js" or ".mjs" => "application/javascript+module",
            ".cjs" => "application/javascript",
            ".json" => "application/json",
            ".txt" => "text/plain",
            _ => throw new UsageException($"Module {file.Name}: only .js, .mjs, .cjs, .json and .txt modules can be sent as text."),
        };
        return new ScriptModule { Name = file.Name, Content = File.ReadAllText(file.FullName), ContentType = contentType };
    }

    public static (string Name, string Value) Pair(string text, string option)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 ? (text[..at], text[(at + 1)..]) : throw new UsageException($"{option} expects NAME=VALUE, got '{text}'.");
    }
}
