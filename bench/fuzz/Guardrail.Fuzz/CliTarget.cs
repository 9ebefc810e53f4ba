using System.Text;
using Guardrail.Cli;

namespace Guardrail.Fuzz;

/// <summary>
/// Target <c>cli</c>: the CLI's input path, run in-process with real argument parsing. The input bytes are the policy
/// file (strict UTF-8 decoding, size limit) and standard input (<c>--policy -</c>) for a fixed set of command lines.
/// Every exit code but 4 is an answer; exit 4 (internal error) or an exception escaping the CLI is a crash.
/// </summary>
internal static class CliTarget
{
    private const string PolicyFileName = "policy.json";

    private static readonly Lazy<string> WorkingDirectory = new(() =>
        Directory.CreateTempSubdirectory($"guardrail-fuzz-{Environment.ProcessId}-").FullName);

    private static readonly string[][] CommandLines =
    [
        ["check", "bucket-policy", "--policy", PolicyFileName, "--bucket", FixedOptions.Bucket, "--spectrum-role", FixedOptions.RoleArn, "--format", "json"],
        ["check", "bucket-policy", "--policy", "-", "--bucket", FixedOptions.Bucket, "--spectrum-role", FixedOptions.ChainArns, "--cluster", "serverless", "--vpce", FixedOptions.Vpce, "--prefix", "sales/", "--prefix", "hr/2024/"],
        ["check", "bucket-policy", "--policy", PolicyFileName, "--bucket", FixedOptions.Bucket, "--spectrum-role", FixedOptions.RoleArn, "--bucket-account", FixedOptions.OtherAccount, "--org-id", FixedOptions.OrgId, "--prefix", "sales/"],
        ["check", "trust-policy", "--policy", PolicyFileName, "--role", FixedOptions.RoleArn, "--format", "json"],
        ["check", "trust-policy", "--policy", "-", "--role", FixedOptions.ChainArns],
    ];

    public static void Run(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(WorkingDirectory.Value, PolicyFileName), input);
        for (var i = 0; i < CommandLines.Length; i++)
        {
            var args = CommandLines[i];
            var error = new StringWriter();

            // Standard input is the raw bytes: the CLI decodes them as it decodes a file.
            using var stdin = new MemoryStream(input);
            var env = new CliEnvironment(stdin, new StringWriter(), error, Colour: i % 2 == 1, () => FixedOptions.Now, WorkingDirectory.Value);
            var exit = GuardrailCli.Run(args, env);
            if (exit == ExitCodes.InternalError)
            {
                throw new InternalErrorExitException($"exit 4 from `guardrail {string.Join(' ', args)}`: {error.ToString().Trim()}");
            }
        }
    }
}

/// <summary>The CLI answered an input with exit 4 (internal error): a bug reachable from input.</summary>
public sealed class InternalErrorExitException(string message) : Exception(message);
