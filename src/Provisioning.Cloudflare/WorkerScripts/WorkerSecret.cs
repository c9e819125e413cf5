namespace Provisioning.Cloudflare;

/// <summary>A secret of a script; Cloudflare never returns the value.</summary>
/// <param name="Name">The secret (binding) name.</param>
/// <param name="Type">Its type, <c>secret_text</c> or <c>secret_key</c>.</param>
public sealed record WorkerSecret(string Name, string Type);
