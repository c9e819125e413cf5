using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;

namespace Provisioning.Components.Operations;

/// <summary>Step records that several operations build the same way.</summary>
public static class ResourceSteps
{
    public static ResourceToCreate Create(string tenantId, ResourceSpec resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ResourceToCreate
        {
            ResourceType = resource.Type, ResourceName = ResourceNames.For(tenantId, resource.BindingName), BindingName = resource.BindingName,
            LocationHint = resource.LocationHint, Jurisdiction = resource.Jurisdiction,
        };
    }

    public static ScriptSource Source(ScriptSpec script, ScriptBundle bundle, string defaultCompatibilityDate)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(bundle);
        return new ScriptSource
        {
            BundleHash = bundle.Hash, MainModule = script.MainModule,
            CompatibilityDate = script.CompatibilityDate ?? defaultCompatibilityDate, CompatibilityFlags = script.CompatibilityFlags,
        };
    }
}
