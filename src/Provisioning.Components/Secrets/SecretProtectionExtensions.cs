using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Secrets;

public static class SecretProtectionExtensions
{
    /// <summary>The key ring from the "DataProtection" and "Database" sections, and the <see cref="SecretProtector"/>.</summary>
    public static IHostApplicationBuilder AddProvisioningSecrets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProvisioningSecrets(builder.Configuration);
        return builder;
    }

    /// <summary>As <see cref="AddProvisioningSecrets(IHostApplicationBuilder)"/>, unless a key ring is registered already (tests register their own).</summary>
    public static IServiceCollection AddProvisioningSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(x => x.ServiceType == typeof(SecretProtector)))
        {
            return services;
        }

        return services.AddProvisioningSecrets(KeyRingLocation.From(configuration), SecretProtectionOptions.From(configuration).ApplicationName);
    }

    /// <summary>Data Protection with its keys at <paramref name="keyRing"/>; replicas must name the same ring and application.</summary>
    public static IServiceCollection AddProvisioningSecrets(this IServiceCollection services, KeyRingLocation keyRing, string applicationName = "wfp-provisioner")
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        var protection = services.AddDataProtection().SetApplicationName(applicationName);
        if (keyRing.Directory is { } directory)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }
        else if (keyRing.InDatabase)
        {
            protection.PersistKeysToDbContext<PostgresProvisioningDbContext>();
        }
        else
        {
            protection.UseEphemeralDataProtectionProvider();
        }

        services.TryAddSingleton<SecretProtector>();
        return services;
    }
}
