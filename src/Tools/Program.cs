using EcgStream.Beats.Ecg5000;
using EcgStream.Detector.Hosting;
using EcgStream.Tools.Bench;
using EcgStream.Tools.Broker;
using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Demo;
using EcgStream.Tools.Soak;

// demo | bench | soak | broker | --help. Each reports mistakes as one line on stderr and exits non-zero.
string usage = $"""
    usage: tools COMMAND [options]   (dotnet run -c Release --project src/Tools -- COMMAND ...)
      The detector's companions on one machine: each runs the embedded Kafka broker with the detector's topics.
    commands:
    {DemoCommand.Usage}
    {BenchCommand.Usage}
    {SoakCommand.Usage}
    {BrokerCommand.Usage}
    -h, --help   this text (also after a command)
    """;
if (args.Any(a => a is "-h" or "--help") || args.FirstOrDefault() == "help")
{
    Console.WriteLine(usage);
    return 0;
}
if (args.Length == 0)
{
    Console.Error.WriteLine($"error: no command given{Environment.NewLine}{usage}");
    return 2;
}
try
{
    return args[0] switch
    {
        "demo" => await DemoCommand.RunAsync(args[1..]),
        "bench" => await BenchCommand.RunAsync(args[1..]),
        "soak" => await SoakCommand.RunAsync(args[1..]),
        "broker" => await BrokerCommand.RunAsync(args[1..]),
        _ => throw new CommandLineException($"unknown command '{args[0]}' (see --help)"),
    };
}
catch (Exception e) when (Mistake(e) is { } mistake)
{
    Console.Error.WriteLine($"error: {mistake}");
    return 2;
}

// A mistake of the user's (flags, data, configuration, model files): one line, no stack trace; null for a bug.
static string? Mistake(Exception error) =>
    error is CommandLineException or Ecg5000FormatException ? error.Message : DetectorStartupError.Describe(error);
