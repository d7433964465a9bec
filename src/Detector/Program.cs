using EcgStream.Beats.Ecg5000;
using EcgStream.Detector.Hosting;
using EcgStream.Detector.Web;
using EcgStream.Model.Serialization;
using Microsoft.Extensions.Options;

// detector (default) | broker | demo | bench. Each reports mistakes as one line on stderr and exits non-zero.
try
{
    return args.FirstOrDefault() switch
    {
        "broker" => BrokerCommand.Run(args[1..]),
        "bench" => await BenchCommand.RunAsync(args[1..]),
        "demo" => await DemoCommand.RunAsync(args[1..]),
        "soak" => await SoakCommand.RunAsync(args[1..]),
        _ => await DetectorHost.Create(args).RunDetectorAsync(),
    };
}
catch (CommandLineException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"error: invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (Exception e) when (e is ModelFileException or Ecg5000FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
