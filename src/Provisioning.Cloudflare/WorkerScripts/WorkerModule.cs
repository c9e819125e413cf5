using System.Text;

namespace Provisioning.Cloudflare;

/// <summary>One part of a script upload: a module, sent as a multipart part named after it.</summary>
/// <param name="Name">The module name; both the part name and its filename (what <c>main_module</c> refers to).</param>
/// <param name="Content">The module bytes.</param>
/// <param name="ContentType">The part's Content-Type; <see cref="EsModuleContentType"/> for ES modules.</param>
public sealed record WorkerModule(string Name, ReadOnlyMemory<byte> Content, string ContentType = WorkerModule.EsModuleContentType)
{
    /// <summary>Content-Type of an ES module part.</summary>
    public const string EsModuleContentType = "application/javascript+module";

    /// <summary>Content-Type of a source map part.</summary>
    public const string SourceMapContentType = "application/source-map";

    /// <summary>An ES module from JavaScript source text (UTF-8).</summary>
    /// <param name="name">The module name, e.g. <c>index.js</c>.</param>
    /// <param name="source">The JavaScript source.</param>
    public static WorkerModule EsModule(string name, string source) =>
        new(name, Encoding.UTF8.GetBytes(source), EsModuleContentType);
}
