namespace Provisioning.Components.Steps.VerifyBindings;

/// <summary>
/// The differences between the bindings a tenant should have (as stored) and those its script has in Cloudflare:
/// missing, changed and unexpected, one phrase each. Secrets compare by name and type (their value is write-only).
/// Used by the read-back of every upload and settings change (<see cref="VerifyAsync"/>) and by the reconciler.
/// </summary>
public static class BindingDrift
{
    /// <summary>
    /// The guard against silently dropped bindings: fails the step with one message that names every missing, changed
    /// and unexpected binding. Returns how many bindings the script has.
    /// </summary>
    public static async Task<int> VerifyAsync(
        ProvisioningDbContext db, ICloudflareClient cloudflare, string tenantId, string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        var (problems, count) = await CompareAsync(db, cloudflare, tenantId, dispatchNamespace, scriptName, cancellationToken);
        return problems.Count == 0
            ? count
            : throw new StepFailedException($"Script '{scriptName}' has the wrong bindings: {string.Join("; ", problems)}.");
    }

    public static async Task<IReadOnlyList<string>> FindAsync(
        ProvisioningDbContext db, ICloudflareClient cloudflare, string tenantId, string dispatchNamespace, string scriptName, CancellationToken cancellationToken) =>
        (await CompareAsync(db, cloudflare, tenantId, dispatchNamespace, scriptName, cancellationToken)).Problems;

    static async Task<(IReadOnlyList<string> Problems, int Expected)> CompareAsync(
        ProvisioningDbContext db, ICloudflareClient cloudflare, string tenantId, string dispatchNamespace, string scriptName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudflare);
        var expected = (await StoredBindings.LoadAsync(db, tenantId, cancellationToken))
            .ToWorkerBindings(_ => true, name => new SecretTextBinding(name, null))
            .ToDictionary(x => x.Name, Bindings.Signature);
        var actual = (await cloudflare.Scripts.GetBindingsAsync(dispatchNamespace, scriptName, cancellationToken))
            .ToDictionary(x => x.Name, Bindings.Signature);

        var problems = new List<string>();
        problems.AddRange(expected.Where(x => !actual.ContainsKey(x.Key)).Select(x => $"'{x.Key}' ({Type(x.Value)}) is missing"));
        problems.AddRange(expected.Where(x => actual.TryGetValue(x.Key, out var found) && found != x.Value)
            .Select(x => $"'{x.Key}' changed from {Type(x.Value)} to {Type(actual[x.Key])} with another target or value"));
        problems.AddRange(actual.Where(x => !expected.ContainsKey(x.Key)).Select(x => $"'{x.Key}' ({Type(x.Value)}) is unexpected"));
        return (problems, expected.Count);
    }

    static string Type(string signature) => signature.Split(':')[0];
}
