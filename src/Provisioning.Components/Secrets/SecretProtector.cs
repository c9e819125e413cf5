using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Provisioning.Components.Steps;

namespace Provisioning.Components.Secrets;

/// <summary>
/// Secret values never reach the database or a step message in plain text: intake encrypts them with ASP.NET Core Data
/// Protection (the key ring is configured by <see cref="SecretProtectionExtensions"/>), and the step that sends them to
/// Cloudflare decrypts them right before the request. Protected values carry <see cref="Marker"/>, which intake refuses
/// at the start of a secret, so ciphertext and plain text cannot be mistaken for each other.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "wfp-provisioner.secrets.v1";

    public const string Marker = "wfp-protected:v1:";

    readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public static bool IsProtected(string? value) => value?.StartsWith(Marker, StringComparison.Ordinal) == true;

    public string Protect(string value) => IsProtected(value) ? value : Marker + _protector.Protect(value);

    /// <summary>A command's JSON with every secret value protected.</summary>
    public string ProtectCommand(string json) => SecretTexts.Rewrite(json, Protect);

    /// <summary>The binding with its secret value decrypted, ready to send; other bindings as they are.</summary>
    public NewBinding Reveal(NewBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return binding.Value is { Type: BindingTypes.SecretText, Text: { } text } value
            ? binding with { Value = value with { Text = Reveal(binding.Name, text) } }
            : binding;
    }

    string Reveal(string bindingName, string text)
    {
        if (!IsProtected(text))
        {
            throw new StepFailedException($"Secret '{bindingName}' reached the step unprotected; it was not admitted by this worker's intake. Send the command again.");
        }

        try
        {
            return _protector.Unprotect(text[Marker.Length..]);
        }
        catch (CryptographicException)
        {
            // Permanent: retrying cannot bring the key back, so the command fails instead of looping.
            throw new StepFailedException(
                $"Secret '{bindingName}' cannot be decrypted: this worker's Data Protection key ring does not hold the key it was protected with. "
                + "Every worker must share one key ring (DataProtection:KeysPath, or the database on PostgreSQL); send the command again once it does.");
        }
    }
}
