using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Guardrail.Testing;

/// <summary>What the tests' local HTTP servers (moto, the response-URL listener, the Runtime API stand-in) share.</summary>
public static class Loopback
{
    /// <summary>A TCP port on 127.0.0.1 free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers <paramref name="context"/> with <paramref name="status"/> and a UTF-8 body, and closes the response.</summary>
    public static async Task AnswerAsync(HttpListenerContext context, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>Takes each request <paramref name="listener"/> receives to <paramref name="handle"/> until it is stopped.</summary>
    public static async Task ServeAsync(HttpListener listener, Func<HttpListenerContext, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(handle);
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

            await handle(context);
        }
    }
}
