using Guardrail.Cli;

return GuardrailCli.Run(args, CliEnvironment.FromConsole());
