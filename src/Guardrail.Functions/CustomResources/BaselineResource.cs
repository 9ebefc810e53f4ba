using System.Globalization;
using System.Text;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.CustomResources;

/// <summary>
/// The deploy-time baseline: as a CloudFormation custom resource, the drift-scan function sweeps every protected
/// resource once on stack create and update (nothing on delete), so each has a known-good policy from the start when
/// it is ok and an alert when it is not. The answer is PUT to CloudFormation's response URL by the function itself,
/// always and before the function's timeout: SUCCESS when the scan ran (what it found is alerted, not failed), FAILED
/// with the reason only when the scan could not run or finish.
/// </summary>
public sealed class BaselineResource
{
    // Deadlines come from the invocation's tokens, not from the client.
    private static readonly HttpClient SharedHttp = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly FunctionHost host;
    private readonly HttpClient http;

    public BaselineResource(FunctionHost host, HttpClient? http = null)
    {
        this.host = host;
        this.http = http ?? SharedHttp;
    }

    /// <summary>
    /// How much of the function's timeout is kept for answering CloudFormation after the scan: a third of it, at
    /// most 10 seconds.
    /// </summary>
    public static TimeSpan AnswerMargin(TimeSpan timeout) => TimeSpan.FromTicks(Math.Min(timeout.Ticks / 3, TimeSpan.FromSeconds(10).Ticks));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Answers the request; returns the response CloudFormation was sent.</summary>
    /// <exception cref="HttpRequestException">The response could not be delivered (the invocation fails, and Lambda retries it).</exception>
    public async Task<Stream> HandleAsync(CustomResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = host.Services;
        using var invocation = services.Log.StartInvocation(request.RequestId);
        var timeout = host.InvocationTimeout();

        // The answer must leave before Lambda ends the invocation, so the last quarter second is not used.
        using var answerBy = new CancellationTokenSource(Max(timeout - TimeSpan.FromMilliseconds(250), TimeSpan.Zero), services.Time);
        using var scanBy = new CancellationTokenSource(timeout - AnswerMargin(timeout), services.Time);
        var response = await RespondAsync(request, timeout - AnswerMargin(timeout), scanBy.Token).ConfigureAwait(false);
        var body = response.ToJson(request);
        (string, object?)[] fields = [("logicalResourceId", request.LogicalResourceId), ("reason", response.Reason)];
        if (response.Success)
        {
            services.Log.Info($"CloudFormation {request.RequestType}: answering SUCCESS", fields);
        }
        else
        {
            services.Log.Error($"CloudFormation {request.RequestType}: answering FAILED", fields);
        }

        await new ResponseSender(http).SendAsync(request.ResponseUrl, body, answerBy.Token).ConfigureAwait(false);
        return new MemoryStream(Encoding.UTF8.GetBytes(body));
    }

    private async Task<CustomResourceResponse> RespondAsync(CustomResourceRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        var physicalId = request.PhysicalResourceId ?? $"{request.LogicalResourceId}-{request.RequestId}";
        CustomResourceResponse Failed(string reason) => new(false, reason, physicalId, new Dictionary<string, string>());
        switch (request.RequestType)
        {
            case "Delete":
                return new CustomResourceResponse(true, "nothing to do on delete: the recorded known-good policies stay in the state table", physicalId, new Dictionary<string, string>());
            case not ("Create" or "Update"):
                return Failed($"unknown RequestType {EventText.Quote(request.RequestType)} (expected Create, Update or Delete)");
        }

        try
        {
            // The scan's own deadline ends where the time kept for answering begins.
            using var scanDeadline = new InvocationDeadline(budget, host.Services.Time);
            var result = await new DriftScanner(host.Config, host.Services).ScanAsync(scanDeadline).ConfigureAwait(false);
            var resources = result.Resources ?? [];
            if (cancellationToken.IsCancellationRequested || scanDeadline.WorkExpired || resources.Any(r => r.ReasonCode == OutcomeReason.Deadline))
            {
                // The sweep reports what it could not judge in time (and alerts it); the deployment must say so too.
                return Failed(TooSlow(budget));
            }

            var data = new Dictionary<string, string>
            {
                ["Resources"] = resources.Count.ToString(CultureInfo.InvariantCulture),
                ["Alerted"] = resources.Count(r => r.Outcome == Outcome.Alerted).ToString(CultureInfo.InvariantCulture),
            };
            return new CustomResourceResponse(true, $"baseline drift scan: {result.Reason}", physicalId, data);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed(TooSlow(budget));
        }
        catch (Exception e)
        {
            return Failed($"the drift scan could not run: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string TooSlow(TimeSpan budget) =>
        $"the drift scan did not finish within {budget.TotalSeconds:0.#} s (the function's timeout less the time kept to answer); raise the drift-scan function's Timeout, then update the stack to run it again";
}
