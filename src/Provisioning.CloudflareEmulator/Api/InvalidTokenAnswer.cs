namespace Provisioning.CloudflareEmulator.Api;

/// <summary>
/// Endpoint metadata: the error an endpoint answers for a missing or unknown token instead of the pipeline's 403/10000
/// (token verification has an error of its own, docs/emulator.md).
/// </summary>
internal sealed record InvalidTokenAnswer(int Status, int Code, string Message);

internal static class InvalidTokenAnswerExtensions
{
    public static RouteHandlerBuilder AnswersInvalidTokenWith(this RouteHandlerBuilder builder, int status, int code, string message) =>
        builder.WithMetadata(new InvalidTokenAnswer(status, code, message));
}
