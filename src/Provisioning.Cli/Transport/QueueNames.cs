using Provisioning.Contracts;

namespace Provisioning.Cli.Transport;

/// <summary>The worker's queue (and front-door path) of each command: MassTransit's kebab-case of the type name.</summary>
public static class QueueNames
{
    public static string For<T>() => typeof(T).Name switch
    {
        nameof(ProvisionTenant) => "provision-tenant",
        nameof(AttachBinding) => "attach-binding",
        nameof(DetachBinding) => "detach-binding",
        nameof(DeployScript) => "deploy-script",
        nameof(DeprovisionTenant) => "deprovision-tenant",
        nameof(RetryCompensation) => "retry-compensation",
        var name => throw new ArgumentException($"{name} is not a command.", nameof(T)),
    };
}
