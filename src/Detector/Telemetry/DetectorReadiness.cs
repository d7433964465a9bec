namespace EcgStream.Detector.Telemetry;

/// <summary>What /readyz reports: the detector is ready once its consumer has partitions, its model is loaded and its producer is connected.
/// The pipeline sets each flag; all members are thread-safe.</summary>
public sealed class DetectorReadiness
{
    private volatile bool _consumerAssigned, _modelLoaded, _producerConnected;

    /// <summary>True while the consumer holds at least one partition assignment.</summary>
    public bool ConsumerAssigned { get => _consumerAssigned; set => _consumerAssigned = value; }

    /// <summary>True once the model file is loaded into the engine.</summary>
    public bool ModelLoaded { get => _modelLoaded; set => _modelLoaded = value; }

    /// <summary>True while the producer has a connection to the brokers.</summary>
    public bool ProducerConnected { get => _producerConnected; set => _producerConnected = value; }

    /// <summary>True when every check passes.</summary>
    public bool IsReady => ConsumerAssigned && ModelLoaded && ProducerConnected;
}
