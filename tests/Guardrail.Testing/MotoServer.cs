using Xunit;
using System.Diagnostics;
using System.Net;

namespace Guardrail.Testing;

/// <summary>
/// A real moto_server (AWS API emulator) on 127.0.0.1 and a free port, started for the test collection and stopped
/// after it. Tests reset its state with <see cref="ResetAsync"/>.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;

    public MotoServer()
    {
        // The SDK's default credential chain and the Query clients read these; moto accepts any.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
    }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var port = Loopback.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        // moto_serial.py is moto_server serving one request at a time, so DynamoDB conditional writes are atomic as in
        // AWS (the guardrail's claims and leases depend on it; threaded moto lets two racing puts both succeed).
        var launcher = Path.Combine(AppContext.BaseDirectory, "moto_serial.py");
        var start = new ProcessStartInfo("python3", [launcher, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 with moto is not on PATH; the integration tests need it (pip install 'moto[server]')", e);
        }

        process!.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                throw new InvalidOperationException($"moto_server did not start on {Endpoint} (exited: {process.HasExited})");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Forgets every resource, so each test starts from an empty account.</summary>
    public async Task ResetAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "moto-api/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        return Task.CompletedTask;
    }

}
