namespace Provisioning.Cloudflare;

/// <summary>User Worker scripts in a dispatch namespace. Every route starts with <c>accounts/{account_id}/workers/dispatch/namespaces/{dispatch_namespace}/scripts/{script_name}</c>.</summary>
public interface IWorkerScriptsClient
{
    /// <summary>
    /// <c>PUT …/scripts/{script_name}[?bindings_inherit=strict]</c>: uploads (creates or replaces) a script as
    /// <c>multipart/form-data</c>: a <c>metadata</c> JSON part plus one part per module, named after it.
    /// </summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="upload">Modules, bindings and metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WorkerScript> UploadAsync(string dispatchNamespace, string scriptName, WorkerScriptUpload upload, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET …/scripts/{script_name}</c>. A missing script fails with 404 and <see cref="CloudflareErrorCodes.ScriptEnvironmentNotFound"/>
    /// (10092, what wrangler relies on for this route) or <see cref="CloudflareErrorCodes.ScriptNotFound"/> (10007, the other script routes).
    /// </summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DispatchNamespaceScript> GetAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken);

    /// <summary><c>DELETE …/scripts/{script_name}[?force=true]</c>.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="force">Delete even when other bindings or Durable Objects depend on the script (they go too).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAsync(string dispatchNamespace, string scriptName, bool force, CancellationToken cancellationToken);

    /// <summary><c>GET …/scripts/{script_name}/bindings</c>: the bindings, secret values stripped.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<WorkerBinding>> GetBindingsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken);

    /// <summary><c>GET …/scripts/{script_name}/settings</c>.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WorkerScriptSettings> GetSettingsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken);

    /// <summary>
    /// <c>PATCH …/scripts/{script_name}/settings</c> (multipart with one <c>settings</c> JSON part): changes settings
    /// without re-uploading code. Only non-null properties are sent.
    /// </summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="settings">The settings to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WorkerScriptSettings> UpdateSettingsAsync(string dispatchNamespace, string scriptName, WorkerScriptSettings settings, CancellationToken cancellationToken);

    /// <summary><c>PUT …/scripts/{script_name}/secrets</c>: creates or replaces a <c>secret_text</c> secret.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="secretName">The secret (binding) name.</param>
    /// <param name="secretText">The value; sent once, never logged, never returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WorkerSecret> SetSecretAsync(string dispatchNamespace, string scriptName, string secretName, string secretText, CancellationToken cancellationToken);

    /// <summary><c>GET …/scripts/{script_name}/secrets</c>: names and types, no values.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<WorkerSecret>> ListSecretsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken);

    /// <summary><c>DELETE …/scripts/{script_name}/secrets/{secret_name}</c>.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="secretName">The secret name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteSecretAsync(string dispatchNamespace, string scriptName, string secretName, CancellationToken cancellationToken);

    /// <summary><c>GET …/scripts/{script_name}/tags</c>.</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> GetTagsAsync(string dispatchNamespace, string scriptName, CancellationToken cancellationToken);

    /// <summary><c>PUT …/scripts/{script_name}/tags</c>: replaces all tags (at most 8).</summary>
    /// <param name="dispatchNamespace">The dispatch namespace name.</param>
    /// <param name="scriptName">The script name.</param>
    /// <param name="tags">The new tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<string>> ReplaceTagsAsync(string dispatchNamespace, string scriptName, IEnumerable<string> tags, CancellationToken cancellationToken);
}
