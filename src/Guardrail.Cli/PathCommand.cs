using System.CommandLine;
using Guardrail.Cli.Reports;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary><c>guardrail check path</c>: judges Spectrum's whole access path from a snapshot of its documents.</summary>
public static class PathCommand
{
    /// <summary>How many table locations the headline names before it counts the rest.</summary>
    private const int NamedTables = 3;

    public static Command Create(CliEnvironment env)
    {
        var snapshot = new Option<string>("--snapshot")
        {
            Description = $"The access-path snapshot JSON file (see examples/paths), or - to read standard input (UTF-8, or UTF-16 with a byte order mark; at most {InputText.SizeText(SnapshotReader.MaxUtf8Bytes)}).",
            Required = true,
            HelpName = "FILE|-",
        };
        var knownGood = new Option<string?>("--known-good")
        {
            Description = "An earlier snapshot of the same path that was ok: what changed since is said (a location Lake Formation no longer governs).",
            HelpName = "FILE",
        };
        var output = new CheckOutputOptions();
        var command = new Command("path", "Check Spectrum's whole access path (trust, role, bucket, key, catalog, organization, Lake Formation, VPC endpoint) from a snapshot of its documents.")
        {
            snapshot, knownGood,
        };
        output.AddTo(command);
        command.SetAction(parse => CheckCommands.Guarded(env, () =>
        {
            if (parse.GetValue(snapshot) == "-" && parse.GetValue(knownGood) == "-")
            {
                throw new UsageException("--snapshot and --known-good cannot both read standard input");
            }

            if (parse.GetValue<string?>("--exceptions") == "-" && (parse.GetValue(snapshot) == "-" || parse.GetValue(knownGood) == "-"))
            {
                throw new UsageException("--exceptions and a snapshot cannot both read standard input");
            }

            var settings = output.Read(parse, env);

            var read = Read(parse.GetValue(snapshot)!, env);
            var before = parse.GetValue(knownGood) is { } earlier ? Read(earlier, env) : null;
            var verdict = PathEvaluator.Evaluate(read, env.Clock(), knownGood: before);
            return settings.Finish(env, PathReports.From(verdict, Subject(read), CheckCommands.InputFile(parse.GetValue(snapshot)!)));
        }));
        return command;
    }

    /// <summary>Reads (<see cref="InputText"/>, up to the snapshot limit) and validates the snapshot.</summary>
    internal static PathSnapshot Read(string source, CliEnvironment env)
    {
        var text = InputText.Read(source, "snapshot", env, SnapshotReader.MaxUtf8Bytes);
        try
        {
            return SnapshotReader.Read(text);
        }
        catch (SnapshotParseException e)
        {
            var name = source == "-" ? "standard input" : SafeText.Echo(source);
            throw new UsageException($"invalid snapshot in {name}: {e.Message}");
        }
    }

    // "s3://lake/sales/ as arn:aws:iam::111122223333:role/spectrum": what the verdict is about.
    internal static string Subject(PathSnapshot snapshot)
    {
        var tables = snapshot.Spectrum.Tables.Select(t => $"s3://{t.Bucket}/{t.Prefix}").Distinct(StringComparer.Ordinal).ToList();
        var what = tables.Count switch
        {
            0 => "its tables",
            <= NamedTables => string.Join(", ", tables),
            _ => $"{string.Join(", ", tables.Take(NamedTables))} and {tables.Count - NamedTables} more",
        };
        return $"{what} as {snapshot.Spectrum.ReadingRole.Arn}";
    }
}
