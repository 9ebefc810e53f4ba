using System.Net;
using System.Text;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Redshift Serverless, which moto lacks, as recorded answers on 127.0.0.1: <c>GetNamespace</c> and
/// <c>GetWorkgroup</c> (JSON 1.1, by <c>X-Amz-Target</c>); anything else is a 400 the client reports as a failed call.
/// </summary>
internal sealed class ServerlessStandIn : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly Dictionary<string, string> answers;

    public ServerlessStandIn(string getNamespace, string getWorkgroup)
    {
        answers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RedshiftServerless.GetNamespace"] = getNamespace,
            ["RedshiftServerless.GetWorkgroup"] = getWorkgroup,
        };
        Url = new Uri($"http://127.0.0.1:{ResponseUrlListener.FreePort()}/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends when the listener closes.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var known = answers.TryGetValue(context.Request.Headers["X-Amz-Target"] ?? string.Empty, out var answer);
            var bytes = Encoding.UTF8.GetBytes(known ? answer! : """{"__type":"ValidationException","message":"not recorded"}""");
            context.Response.StatusCode = known ? 200 : 400;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
