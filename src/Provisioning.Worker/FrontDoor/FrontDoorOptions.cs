namespace Provisioning.Worker.FrontDoor;

/// <summary>The HTTP front door's access rule (section "FrontDoor").</summary>
public sealed class FrontDoorOptions
{
    public const string SectionName = "FrontDoor";

    /// <summary>
    /// When set, every request except /health/* and the operator page's static files needs
    /// <c>Authorization: Bearer &lt;token&gt;</c>. When empty, the worker only listens on loopback addresses.
    /// </summary>
    public string? Token { get; set; }

    public bool RequiresToken => !string.IsNullOrEmpty(Token);
}
