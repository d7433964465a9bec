using System.Runtime.InteropServices;
using EcgStream.Ingest;

// replay [options] | --help. Mistakes are one line on stderr and exit code 2.
switch (args.FirstOrDefault())
{
    case "replay" when args.Skip(1).Any(a => a is "-h" or "--help"):
    case "-h" or "--help" or "help":
        Console.WriteLine(ReplayArguments.Usage);
        return 0;
    case "replay":
        try
        {
            var options = ReplayArguments.Parse(args[1..], Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => KeyValuePair.Create((string)e.Key, (string?)e.Value)));
            using var stop = new CancellationTokenSource();
            // Ctrl-C stops sending; what was sent is still flushed and counted.
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            return ReplayCommand.Run(options, Console.Out, Console.Error, stop.Token);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    default:
        Console.Error.WriteLine(args.Length == 0 ? "error: no command given" : $"error: unknown command '{args[0]}'");
        Console.Error.WriteLine(ReplayArguments.Usage);
        return 2;
}
