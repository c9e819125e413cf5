namespace Provisioning.Cloudflare;

/// <summary>Whose work a Cloudflare request serves, for the order in which the account's request budget is handed out.</summary>
public enum RequestPriority
{
    /// <summary>Work a customer waits for (provision, attach, detach, deploy and their compensation). The default.</summary>
    Foreground,

    /// <summary>Work nobody waits for (deprovisioning, reconciliation, rollouts): it yields to foreground work.</summary>
    Background,
}
