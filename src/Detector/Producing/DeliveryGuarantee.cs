namespace EcgStream.Detector.Producing;

/// <summary>What the detector promises about results per consumed beat.</summary>
public enum DeliveryGuarantee
{
    /// <summary>
    /// Offsets are committed only after the beat's results are acknowledged: nothing is lost, and a crash or rebalance
    /// may write a beat's results again. Duplicates carry the same beat id, so consumers drop them by id. The default.
    /// </summary>
    AtLeastOnce,

    /// <summary>
    /// Results and consumed offsets are committed in one Kafka transaction: a read_committed consumer of the outputs sees
    /// each beat's results exactly once. Costs a transaction commit every <see cref="DeliveryOptions.TransactionInterval"/>
    /// and delays results by up to that interval for read_committed readers.
    /// </summary>
    ExactlyOnce,
}
