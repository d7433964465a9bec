using EcgStream.Trainer.Cli;
using Spectre.Console;

// Redirected output (a log file, a pipe) gets plain text: no colour codes, and a fixed width because it has none of its own
// (Spectre would otherwise wrap every line at 80 columns).
var console = Console.IsOutputRedirected
    ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(Console.Out) })
    : AnsiConsole.Console;
if (Console.IsOutputRedirected) console.Profile.Width = 160;
return TrainerCommandLine.Invoke(args, console, Console.Out, Console.Error);
