using EcgStream.Trainer.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;

// Redirected output (a log file, a pipe) has no width; without this Spectre would wrap every line at 80 columns.
if (Console.IsOutputRedirected) console.Profile.Width = 160;
return TrainerCommandLine.Invoke(args, console, Console.Out, Console.Error);
