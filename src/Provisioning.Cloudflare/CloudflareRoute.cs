using System.Text;

namespace Provisioning.Cloudflare;

/// <summary>A request target: the route template (for logs and metrics) and the escaped relative path with its query.</summary>
internal sealed record CloudflareRoute(string Template, string Path)
{
    /// <summary>Fills the template's <c>{placeholders}</c> in order with escaped values.</summary>
    public static CloudflareRoute Format(string template, params string[] values)
    {
        var path = new StringBuilder(template.Length + 64);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                path.Append(template[i]);
                continue;
            }

            var end = template.IndexOf('}', i);
            if (next >= values.Length)
            {
                throw new ArgumentException($"Route '{template}' needs more values.", nameof(values));
            }

            path.Append(Uri.EscapeDataString(values[next++]));
            i = end;
        }

        return new CloudflareRoute(template, path.ToString());
    }

    /// <summary>Appends query parameters, skipping null values.</summary>
    public CloudflareRoute WithQuery(params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
        if (query.Length == 0)
        {
            return this;
        }

        return this with { Path = Path + (Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query };
    }
}
