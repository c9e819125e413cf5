using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>Writes an outcome event for people: what was created, or why it failed and what was undone.</summary>
public static class OutcomePrinter
{
    public static void Print(ICommandOutcome outcome, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{outcome.GetType().Name}: tenant {outcome.TenantId}");
        switch (outcome)
        {
            case CommandRejected rejected:
                output.WriteLine($"  rejected {rejected.CommandType}: {rejected.Reason}");
                break;
            case ICommandFailed failed:
                var code = failed.ErrorCode is { } c ? $" (Cloudflare code {c})" : "";
                output.WriteLine($"  failed at step {failed.FailedStep}{code}: {(failed.ErrorMessage is { Length: > 0 } m ? m : "no error message")}");
                PrintResources(failed.Compensated, "  compensated (deleted):", output);
                if (failed.CompensationFailed)
                {
                    output.WriteLine($"  COMPENSATION FAILED: resources may be left behind; once the cause is fixed: wfp retry-compensation {failed.TenantId}");
                }

                break;
            case TenantProvisioned provisioned:
                output.WriteLine($"  dispatchNamespace: {provisioned.DispatchNamespace}");
                output.WriteLine($"  scriptName: {provisioned.ScriptName}");
                PrintResources(provisioned.Resources, "  resources:", output);
                break;
            case BindingAttached attached:
                output.WriteLine($"  bindingName: {attached.BindingName}");
                output.WriteLine($"  bindingType: {attached.BindingType}");
                if (attached.Resource is { } resource)
                {
                    output.WriteLine($"  resource: {resource.Type} {resource.Name} {resource.CloudflareId}");
                }

                break;
            case BindingDetached detached:
                output.WriteLine($"  bindingName: {detached.BindingName}");
                PrintResources(detached.DeletedResource is { } deleted ? [deleted] : [], "  resource deleted:", output);
                PrintResources(detached.KeptResource is { } kept ? [kept] : [], "  resource kept (detach --delete-resource deletes it):", output);
                if (detached.DeletedResource is null && detached.KeptResource is null)
                {
                    output.WriteLine("  no resource behind the binding");
                }

                break;
            case ScriptDeployed deployed:
                output.WriteLine($"  scriptName: {deployed.ScriptName}");
                output.WriteLine($"  etag: {deployed.Etag ?? "-"}");
                break;
            case TenantDeprovisioned deprovisioned:
                PrintResources(deprovisioned.DeletedResources, "  deleted:", output);
                PrintResources(deprovisioned.AlreadyGoneResources, "  already gone:", output);
                break;
        }
    }

    static void PrintResources(IReadOnlyList<ResourceInfo> resources, string title, TextWriter output)
    {
        if (resources.Count == 0)
        {
            return;
        }

        output.WriteLine(title);
        foreach (var r in resources)
        {
            output.WriteLine($"    {r.BindingName ?? "-",-16} {r.Type,-14} {r.Name,-40} {r.CloudflareId ?? "-"}{(r.Adopted ? " (adopted)" : "")}");
        }
    }
}
