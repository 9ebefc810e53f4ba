using Guardrail.Functions.Runtime;

// The custom runtime's entry point: Lambda starts this executable, which serves invocations until the environment
// is shut down (SIGTERM). Exit code 1: the function could not start (reported as an init error) or the Runtime API failed.
using var shutdown = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    try
    {
        shutdown.Cancel();
    }
    catch (ObjectDisposedException)
    {
        // Main has already returned.
    }
};
return await RuntimeBootstrap.RunAsync(Environment.GetEnvironmentVariable, Console.Error, shutdown.Token);
