namespace EcgStream.Trainer.Cli;

/// <summary>A command-line value is out of range or inconsistent; the message names the option.</summary>
public sealed class InvalidOptionsException(string message) : Exception(message);
