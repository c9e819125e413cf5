namespace Provisioning.Worker;

public static class HostingExtensions
{
    /// <summary>
    /// Listens on <paramref name="url"/> unless an address is configured (ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS):
    /// the embedded default serves its front door on loopback only, where the CLI expects it.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrlWhenUnset(this WebApplicationBuilder builder, string url)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }
}
