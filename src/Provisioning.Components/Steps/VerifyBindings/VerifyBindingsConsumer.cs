namespace Provisioning.Components.Steps.VerifyBindings;

/// <summary>
/// The guard against silently dropped bindings: every binding the tenant should have must be there with the same target
/// or value (secrets by name and type: their value is write-only), and nothing else. Any difference fails the operation
/// with one message that names every missing, changed and unexpected binding.
/// </summary>
public sealed class VerifyBindingsConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts)
    : TenantStepConsumer<VerifyBindings>(step)
{
    protected override async Task<string?> ExecuteAsync(VerifyBindings message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expected = (await StoredBindings.LoadAsync(db, message.TenantId, cancellationToken))
            .ToWorkerBindings(_ => true, name => new SecretTextBinding(name, null))
            .ToDictionary(x => x.Name, Bindings.Signature);
        var actual = (await cloudflare.Scripts.GetBindingsAsync(message.DispatchNamespace, message.ScriptName, cancellationToken))
            .ToDictionary(x => x.Name, Bindings.Signature);

        var problems = new List<string>();
        problems.AddRange(expected.Where(x => !actual.ContainsKey(x.Key)).Select(x => $"'{x.Key}' ({Type(x.Value)}) is missing"));
        problems.AddRange(expected.Where(x => actual.TryGetValue(x.Key, out var found) && found != x.Value)
            .Select(x => $"'{x.Key}' changed from {Type(x.Value)} to {Type(actual[x.Key])} with another target or value"));
        problems.AddRange(actual.Where(x => !expected.ContainsKey(x.Key)).Select(x => $"'{x.Key}' ({Type(x.Value)}) is unexpected"));
        if (problems.Count > 0)
        {
            throw new StepFailedException($"Script '{message.ScriptName}' has the wrong bindings: {string.Join("; ", problems)}.");
        }

        Logger.LogInformation("Verified {BindingCount} bindings of script {ScriptName} for tenant {TenantId}", expected.Count, message.ScriptName, message.TenantId);
        return null;
    }

    static string Type(string signature) => signature.Split(':')[0];
}
