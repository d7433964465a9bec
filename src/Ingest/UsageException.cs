namespace EcgStream.Ingest;

/// <summary>A command-line mistake; reported as one line and exit code 2, without a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
