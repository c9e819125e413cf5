using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Hosting;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>() ?? new EmulatorOptions();
builder.Services.AddEmulator(options, TimeProvider.System);

var app = builder.Build();
app.UseEmulator();
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        foreach (var account in options.EffectiveAccounts)
        {
            app.Logger.LogInformation(
                "Cloudflare emulator serving account {AccountId} at {BaseUrl}",
                account.AccountId,
                address.TrimEnd('/') + "/client/v4/");
        }
    }
});

await app.RunAsync();
