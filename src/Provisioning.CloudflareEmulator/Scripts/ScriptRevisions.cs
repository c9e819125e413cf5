using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Scripts;

/// <summary>How an upload or settings change turns the previous version of a script into the next: code kept or replaced, inherit bindings resolved.</summary>
internal static class ScriptRevisions
{
    public static void ApplyCode(ScriptEntity entity, ScriptEntity? previous, ParsedUpload upload, bool allowMetadataOnly)
    {
        var mainModule = upload.Metadata.String("main_module");
        var bodyPart = upload.Metadata.String("body_part");
        if (upload.Parts.Count == 0)
        {
            // Metadata-only PUT (the WfP docs' keep_bindings example): UNCONFIRMED upstream; we keep the code.
            if (!allowMetadataOnly || previous is null)
            {
                throw new ApiException(400, ErrorCodes.ScriptValidation, $"Uncaught Error: No such module: {mainModule ?? bodyPart ?? "(main_module not set)"}");
            }

            return;
        }

        var entryName = mainModule ?? bodyPart
            ?? throw new ApiException(400, ErrorCodes.ScriptValidation, "metadata must name the entry point in main_module or body_part");
        // Found by part name (wrangler) or by filename (SDK >= 5 and cloudflare-go name every part "files").
        var entry = upload.Parts.FirstOrDefault(p => p.PartName == entryName) ?? upload.Parts.FirstOrDefault(p => p.FileName == entryName)
            ?? throw new ApiException(400, ErrorCodes.ScriptValidation, $"Uncaught Error: No such module: {entryName}");
        entity.Modules = upload.Parts.Select(p => new ScriptModule { Name = p.ModuleName, ContentType = p.ContentType, Content = p.Content }).ToList();
        entity.MainModule = mainModule is null ? null : entry.ModuleName;
        entity.BodyPart = mainModule is null ? entry.ModuleName : null;
    }

    /// <summary>
    /// Our model of the upload's binding algorithm (docs/emulator.md): inherit bindings resolved against the previous
    /// version, then previous bindings of a kept type whose name the upload does not use (a new binding wins),
    /// then secrets kept implicitly when the upload carries no secret at all.
    /// </summary>
    public static List<JsonObject> ResolveBindings(
        List<JsonObject> requested,
        List<JsonObject> previous,
        string? previousDeployment,
        HashSet<string> keepTypes,
        bool strict,
        bool retainSecrets)
    {
        var result = new List<JsonObject>();
        var unresolved = new List<ApiErrorItem>();
        foreach (var binding in requested)
        {
            if (BindingRules.TypeOf(binding) != BindingRules.Inherit)
            {
                result.Add(binding);
                continue;
            }

            var name = BindingRules.NameOf(binding);
            var source = binding.String("old_name") ?? name;
            var version = binding.String("version_id");
            var versionMatches = version is null or "latest" || version == previousDeployment;
            var found = versionMatches ? previous.FirstOrDefault(p => BindingRules.NameOf(p) == source) : null;
            if (found is null)
            {
                // Without strict, unresolvable inherit bindings are silently dropped (SDK doc comment).
                if (strict)
                {
                    unresolved.Add(new ApiErrorItem(ErrorCodes.InheritBindingInvalid, $"inherit binding '{name}' is invalid: the previous version has no binding named '{source}'"));
                }

                continue;
            }

            var inherited = (JsonObject)found.DeepClone();
            inherited["name"] = name;
            result.Add(inherited);
        }

        if (unresolved.Count > 0)
        {
            throw new ApiException(400, unresolved);
        }

        var names = result.Select(BindingRules.NameOf).ToHashSet(StringComparer.Ordinal);
        var uploadHasSecrets = requested.Any(b => BindingRules.IsSecret(BindingRules.TypeOf(b)));
        foreach (var old in previous)
        {
            var type = BindingRules.TypeOf(old);
            var kept = keepTypes.Contains(type) || (retainSecrets && !uploadHasSecrets && BindingRules.IsSecret(type));
            if (kept && names.Add(BindingRules.NameOf(old)))
            {
                result.Add((JsonObject)old.DeepClone());
            }
        }

        return result;
    }
}
