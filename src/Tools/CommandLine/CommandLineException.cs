namespace EcgStream.Tools.CommandLine;

/// <summary>A command-line mistake; reported as one line with a non-zero exit code, without a stack trace.</summary>
public sealed class CommandLineException(string message) : Exception(message);
