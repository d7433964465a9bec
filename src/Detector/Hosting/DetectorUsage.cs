namespace EcgStream.Detector.Hosting;

/// <summary>The detector's --help text.</summary>
public static class DetectorUsage
{
    /// <summary>What the service does, how it is configured, and where its companion commands are.</summary>
    public const string Text = """
        usage: detector [--Section:Key=value ...]
          The streaming anomaly detector: consumes beat windows from Kafka, scores them in batches with the model
          file's autoencoder (LSTM or dense) and types them with the beat classifier, writes anomaly events and dead
          letters back to Kafka, and serves /metrics, /healthz, /readyz and the live page. Runs until Ctrl-C or
          SIGTERM, then drains.
        configuration: appsettings.json beside the binary, then the environment (Engine__Device=cpu), then the command
          line (--Engine:Device=cpu). Sections Kafka, Topics, Batching, Engine, Detector, Telemetry (docs/configuration.md), e.g.
          --Kafka:BootstrapServers=HOST:PORT   brokers (default localhost:9092)
          --Engine:ModelPath=FILE              model (default models/ecg5000.safetensors)
          --Engine:ClassifierPath=FILE         beat classifier (default models/ecg5000-classifier.safetensors; empty: none)
          --Engine:Device=auto|cpu|cuda        inference device (default auto)
          --Urls=http://0.0.0.0:9464           where /metrics, health and the live page listen (this is the default)
          -h, --help                           this text
        The demo, the bench, the soak and the embedded broker are a separate program, src/Tools:
          dotnet run -c Release --project src/Tools -- --help
        """;
}
