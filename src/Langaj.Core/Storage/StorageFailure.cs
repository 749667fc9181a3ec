using Azure;

namespace Langaj.Core.Storage;

public static class StorageFailure
{
    /// <summary>
    /// A storage failure in one line: the status and error code storage answered, or why it could not be reached.
    /// Azure.Core's messages span several lines (status, error code, headers).
    /// </summary>
    public static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } failed => $"storage answered {failed.Status} {failed.ErrorCode ?? FirstLine(failed.Message)}",
        RequestFailedException unreachable => FirstLine(unreachable.Message),
        _ => $"{e.GetType().Name}: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');
}
