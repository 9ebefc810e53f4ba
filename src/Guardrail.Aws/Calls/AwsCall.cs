using Amazon.Runtime;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Calls;

/// <summary>
/// Runs one AWS API request of a path reader: counts it, and turns whatever the client throws for a failed call
/// (<see cref="AwsServiceException"/>, the SDK's <see cref="AmazonServiceException"/>, a network failure after the
/// retries) into one <see cref="AwsCallException"/> naming the call. Cancellation (the deadline) passes through.
/// </summary>
public static class AwsCall
{
    /// <summary>Counts and runs <paramref name="action"/> as the call <paramref name="call"/> (<c>service:Operation</c>).</summary>
    public static async Task<T> RunAsync<T>(AwsCallCounter counter, string call, Func<Task<T>> action)
    {
        counter.Record(call);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new AwsCallException(call, e.Code, e.Message, e);
        }
        catch (AmazonServiceException e)
        {
            throw new AwsCallException(call, string.IsNullOrEmpty(e.ErrorCode) ? e.StatusCode.ToString() : e.ErrorCode, e.Message, e);
        }
        catch (AmazonClientException e)
        {
            // The SDK's own failures before or after AWS answered: no credentials, the network after its retries.
            throw new AwsCallException(call, "ClientFailure", e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new AwsCallException(call, "NetworkFailure", e.Message, e);
        }
    }
}
