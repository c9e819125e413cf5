namespace Provisioning.CloudflareEmulator.Api;

internal sealed record ApiErrorItem(int Code, string Message, string? DocumentationUrl = null);

/// <summary>Thrown anywhere in a request; the pipeline turns it into a v4 failure envelope.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, int code, string message)
        : this(status, [new ApiErrorItem(code, message)])
    {
    }

    public ApiException(int status, IReadOnlyList<ApiErrorItem> errors)
        : base(errors.Count > 0 ? errors[0].Message : "error")
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }

    public IReadOnlyList<ApiErrorItem> Errors { get; }
}
