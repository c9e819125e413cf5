using Provisioning.Contracts;

namespace Provisioning.Cli;

/// <summary>The module `wfp provision` uploads when no --module is given.</summary>
public static class HelloWorld
{
    public const string ModuleName = "index.js";

    public static ScriptModule Module { get; } = new()
    {
        Name = ModuleName,
        Content = """
            export default {
              async fetch(request, env) {
                return new Response("Hello from wfp-provisioner\n", { headers: { "content-type": "text/plain" } });
              },
            };
            """,
    };
}
