using System.Diagnostics;
using System.Text.Json;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The expected SigV4 signature of a captured request, computed by an independent implementation: botocore, run as
/// a separate process (sigv4_reference.py). It needs python3 with botocore, which the machine image has (aws CLI v1).
/// </summary>
internal static class SigV4TestVector
{
    public static string ExpectedSignature(SentRequest request, string service)
    {
        var signedHeaders = request.Header("Authorization").Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var headers = signedHeaders.ToDictionary(name => name, request.Header);

        var spec = JsonSerializer.Serialize(new
        {
            method = request.Method.Method,
            url = request.Uri.ToString(),
            headers,
            body = request.Body,
            timestamp = request.Header("X-Amz-Date"),
            access_key = "AKIDEXAMPLE",
            secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region = "us-east-1",
            service,
        });
        var script = Path.Combine(AppContext.BaseDirectory, "sigv4_reference.py");
        var start = new ProcessStartInfo("python3", [script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        process.StandardInput.Write(spec);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"the botocore reference failed (python3 with botocore is needed): {error}");
    }
}
