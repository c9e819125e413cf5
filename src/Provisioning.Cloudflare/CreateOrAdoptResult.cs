namespace Provisioning.Cloudflare;

/// <summary>The outcome of a create-or-adopt call.</summary>
/// <typeparam name="T">The resource model.</typeparam>
/// <param name="Resource">The created or existing resource.</param>
/// <param name="Adopted">True when the resource already existed and was looked up instead of created.</param>
public sealed record CreateOrAdoptResult<T>(T Resource, bool Adopted);
