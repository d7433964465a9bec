namespace EcgStream.Detector.Producing;

/// <summary>How results are delivered: at-least-once or exactly-once (Kafka transactions). Configuration section "Detector".</summary>
public sealed class DeliveryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Detector";

    /// <summary>At-least-once (default) or exactly-once.</summary>
    public DeliveryGuarantee DeliveryGuarantee { get; set; } = DeliveryGuarantee.AtLeastOnce;

    /// <summary>
    /// Exactly-once only: the producer's transactional.id. Give each instance a stable one (e.g. the pod name) so that a
    /// restarted instance fences its predecessor's open transaction at once. Default null: the consumer group, host name
    /// and process id, unique per process (a crashed process's open transaction then ends at transaction.timeout.ms).
    /// </summary>
    public string? TransactionalId { get; set; }

    /// <summary>Exactly-once only: longest a transaction stays open while beats keep arriving. Default 100 ms.</summary>
    public TimeSpan TransactionInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest a stop may spend draining; results unacknowledged by then are left for a successor to redo. Default 20 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>True when results go out in transactions.</summary>
    public bool IsExactlyOnce => DeliveryGuarantee == DeliveryGuarantee.ExactlyOnce;
}
