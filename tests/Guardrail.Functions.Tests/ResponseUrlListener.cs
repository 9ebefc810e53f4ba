using System.Net;
using System.Text;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// An HTTP listener on 127.0.0.1 that records every request and answers with <see cref="Answer"/> (by request
/// number): a stand-in for CloudFormation's presigned response URL, or for a misbehaving AWS endpoint.
/// </summary>
internal sealed class ResponseUrlListener : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public ResponseUrlListener(Func<int, (int Status, string Body)>? answer = null)
    {
        Answer = answer ?? (_ => (200, string.Empty));
        var port = Loopback.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(() => Loopback.ServeAsync(listener, AnswerAsync));
    }

    public Uri Url { get; }

    public Func<int, (int Status, string Body)> Answer { get; }

    /// <summary>What arrived: method, path and query, Content-Type (null when none was sent), body, when.</summary>
    public List<(string Method, string PathAndQuery, string? ContentType, string Body, DateTimeOffset At)> Requests { get; } = [];

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        int number;
        lock (Requests)
        {
            Requests.Add((context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Content-Type"], body, DateTimeOffset.UtcNow));
            number = Requests.Count;
        }

        var (status, answer) = Answer(number);
        await Loopback.AnswerAsync(context, status, answer);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
