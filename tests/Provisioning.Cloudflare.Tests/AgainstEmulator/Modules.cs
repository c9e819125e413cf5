using System.Security.Cryptography;
using System.Text;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>ES-module Workers to upload.</summary>
internal static class Modules
{
    public const string IndexSource = """
        import { greet } from "./greet.js";
        export default { async fetch(request, env) { return new Response(greet(env.GREETING)); } };
        """;

    public const string GreetSource = """export function greet(name) { return `hello ${name}`; }""";

    public static WorkerModule Index(string source = IndexSource) => WorkerModule.EsModule("index.js", source);

    public static WorkerModule Greet => WorkerModule.EsModule("greet.js", GreetSource);

    public static WorkerScriptUpload Minimal(string source = IndexSource) => new()
    {
        MainModule = "index.js",
        Modules = [Index(source), Greet],
        CompatibilityDate = "2025-09-01",
    };

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
