using System.Text;
using EcgStream.Trainer.Cli;
using Spectre.Console;

namespace EcgStream.Trainer.Tests.Support;

/// <summary>Runs the trainer's command line in-process and captures what it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Everything written to the console and to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
public sealed record TrainerRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="args"/>; <paramref name="onOutput"/> sees each piece of console output as it is written.</summary>
    public static TrainerRun Of(string[] args, CancellationToken cancellation = default, Action<string>? onOutput = null)
    {
        var output = new WatchedWriter(onOutput);
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        int code = TrainerCommandLine.Invoke(args, console, output, error, cancellation);
        return new TrainerRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A string writer that also hands every write to a callback.</summary>
    private sealed class WatchedWriter(Action<string>? onWrite) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            onWrite?.Invoke(value.ToString());
        }

        public override void Write(string? value)
        {
            base.Write(value);
            if (value is not null) onWrite?.Invoke(value);
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
