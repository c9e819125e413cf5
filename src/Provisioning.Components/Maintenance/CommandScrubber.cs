using Provisioning.Components.Secrets;

namespace Provisioning.Components.Maintenance;

/// <summary>Removes secret values (ciphertext since intake protects them) from a stored command once it has ended: the history keeps names, never values.</summary>
public static class CommandScrubber
{
    public static string WithoutSecrets(string payloadJson) => SecretTexts.Rewrite(payloadJson, _ => null);
}
