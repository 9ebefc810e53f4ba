namespace Guardrail.Aws.Calls;

/// <summary>
/// How much one listing or one answer may hold before a reader stops and says so, instead of paging without end
/// or buffering whatever a misbehaving endpoint sends: a reader that reaches a limit throws
/// <see cref="AwsCallException"/> with the code <see cref="TooLargeCode"/>, so the collector reports the part as
/// not read, never as complete.
/// </summary>
public static class ReadLimits
{
    /// <summary>The code of the failure a reader throws at a limit.</summary>
    public const string TooLargeCode = "AnswerTooLarge";

    /// <summary>The most pages one listing follows (at the services' page sizes, thousands of entries).</summary>
    public const int MaxPages = 50;

    /// <summary>The largest answer body read, in bytes (policies are at most 20 KB; a page of a listing far less than this).</summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>Throws when a listing has followed <see cref="MaxPages"/> pages and AWS still has more.</summary>
    public static void CheckPage(string call, int pagesRead)
    {
        if (pagesRead >= MaxPages)
        {
            throw new AwsCallException(call, TooLargeCode, $"the listing has more than {MaxPages} pages; not read to the end");
        }
    }
}
