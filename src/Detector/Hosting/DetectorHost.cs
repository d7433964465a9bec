using EcgStream.Detector.Telemetry;
using EcgStream.Detector.Web;

namespace EcgStream.Detector.Hosting;

/// <summary>Builds the detector's web host: appsettings.json, then environment, then command line, then <c>overrides</c>.</summary>
public static class DetectorHost
{
    /// <summary>
    /// Creates the detector application. <paramref name="overrides"/> (for the tools that host it in-process, and tests) win over
    /// every other configuration source.
    /// </summary>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships beside the binary; the working directory stays the user's (for relative model paths).
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddDetectorTelemetry(builder.Configuration);
        builder.Services.AddDetector(builder.Configuration);
        var app = builder.Build();
        app.MapDetectorEndpoints();
        return app;
    }
}
