using EcgStream.Detector.Hosting;
using EcgStream.Detector.Web;

// The detector service; every argument is configuration (--Section:Key=value). Mistakes are one line on stderr, exit code 2.
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(DetectorUsage.Text);
    return 0;
}
if (args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('='))
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}': the detector takes only configuration; demo, bench, soak and broker are in src/Tools (see --help)");
    return 2;
}
try
{
    return await DetectorHost.Create(args).RunDetectorAsync();
}
catch (Exception e) when (DetectorStartupError.Describe(e) is { } mistake)
{
    Console.Error.WriteLine($"error: {mistake}");
    return 2;
}
