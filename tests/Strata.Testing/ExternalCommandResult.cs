namespace Strata.Testing;

internal readonly record struct ExternalCommandResult(int ExitCode, string StandardOutput, string StandardError);
