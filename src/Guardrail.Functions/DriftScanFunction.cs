using System.Text.Json;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for the scheduled drift scan (<c>Guardrail.Functions::Guardrail.Functions.DriftScanFunction::Handle</c>).
/// The input is the EventBridge Scheduler/rule event; nothing in it is used (the account is GUARDRAIL_ACCOUNT_ID).
/// With GUARDRAIL_SCAN_QUEUE_URL, the paths are queued for <see cref="PathScanWorkerFunction"/> instead of judged here.
/// </summary>
public sealed class DriftScanFunction
{
    private readonly FunctionHost host;

    public DriftScanFunction()
        : this(FunctionHost.FromEnvironment("drift-scan"))
    {
    }

    public DriftScanFunction(FunctionHost host)
    {
        this.host = host;
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        await host.RefreshConfigAsync(deadline).ConfigureAwait(false);
        using var reader = new StreamReader(input);
        var text = await reader.ReadToEndAsync(deadline.Work).ConfigureAwait(false);
        if (CustomResources.CustomResourceRequest.TryParse(text) is { } deployment)
        {
            return await new CustomResources.BaselineResource(host).HandleAsync(deployment).ConfigureAwait(false);
        }

        // The scheduled event carries nothing the scan uses (the account is the configured one), but it must be JSON.
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            Events.StrictEventJson.Check(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new Events.InvalidEventException($"the scheduled event is not valid JSON: {e.Message.Split(" Path:")[0]}");
        }

        var result = await new DriftScanner(host.Config, host.Services).ScanAsync(deadline).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }
}
