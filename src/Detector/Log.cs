using Confluent.Kafka;
using EcgStream.Beats.Wire;

namespace EcgStream.Detector;

/// <summary>
/// Every log message of the detector, source-generated. Event ids by stage: 1xxx consuming, 2xxx batching, 3xxx scoring,
/// 4xxx producing, 5xxx hosting. Patient ids appear only at Debug; warnings name a beat by topic, partition and offset.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Consuming {Topic} in group {ConsumerGroup}")]
    public static partial void ConsumerStarted(ILogger logger, string topic, string consumerGroup);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Paused {PartitionCount} partitions: beats channel full")]
    public static partial void ConsumerPaused(ILogger logger, int partitionCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Resumed {PartitionCount} partitions")]
    public static partial void ConsumerResumed(ILogger logger, int partitionCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Assigned {PartitionCount} partitions: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, int partitionCount, string partitions);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Revoked {PartitionCount} partitions; done offsets committed, in-flight beats left to the next owner")]
    public static partial void PartitionsRevoked(ILogger logger, int partitionCount);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Lost {PartitionCount} partitions; nothing committed for them")]
    public static partial void PartitionsLost(ILogger logger, int partitionCount);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Consume failed ({Code}): {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Critical, Message = "Consumer failed fatally ({Code}): {Reason}; stopping")]
    public static partial void ConsumerFatal(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Commit failed ({Code}): {Reason}")]
    public static partial void CommitFailed(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Stopping: draining {InFlight} beats in flight")]
    public static partial void Draining(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Consumer closed; offsets committed")]
    public static partial void ConsumerClosed(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Rewound {PartitionCount} partitions to their last committed transaction; epoch {Epoch}")]
    public static partial void Rewound(ILogger logger, int partitionCount, int epoch);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "librdkafka {ClientName} {Facility}: {KafkaMessage}")]
    public static partial void KafkaLog(ILogger logger, string clientName, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Kafka {Client} error ({Code}): {Reason}")]
    public static partial void KafkaError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Critical, Message = "Kafka {Client} fatal error ({Code}): {Reason}; stopping")]
    public static partial void KafkaFatal(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Error, Message = "Kafka {Client} fatal error ({Code}): {Reason}; the detector stops if it is the producer in use (its next call fails)")]
    public static partial void KafkaFatalLeftToCaller(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "Kafka client: librdkafka {LibrdkafkaVersion}, {LibrdkafkaBuild}")]
    public static partial void KafkaLibraryLoaded(ILogger logger, string librdkafkaVersion, string librdkafkaBuild);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Batching up to {MaxBatchSize} beats, waiting at most {MaxDelayMs} ms while the engine is busy")]
    public static partial void BatchingStarted(ILogger logger, int maxBatchSize, double maxDelayMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Model {ModelVersion} from {ModelPath} on {Device}: threshold {Threshold:G6} ({ErrorMetric})")]
    public static partial void ModelLoaded(ILogger logger, string modelVersion, string modelPath, string device, float threshold, string errorMetric);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Beat {BeatId} of patient {PatientId} scored {Score:G4} (threshold {Threshold:G4})")]
    public static partial void BeatScored(ILogger logger, string beatId, string patientId, float score, float threshold);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Critical, Message = "Scoring failed; stopping")]
    public static partial void ScoringFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Model {ModelVersion} from {ModelPath} accepted: it scores from the next batch on (serving {ServingVersion} until then)")]
    public static partial void ModelReloadAccepted(ILogger logger, string modelVersion, string modelPath, string servingVersion);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Model reload refused, {ModelPath}: {Reason}; still serving model {ServingVersion}")]
    public static partial void ModelReloadRefused(ILogger logger, string modelPath, string reason, string servingVersion);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Model {ModelVersion} now scoring (replaced {PreviousVersion}): threshold {Threshold:G6}")]
    public static partial void ModelActivated(ILogger logger, string modelVersion, string previousVersion, float threshold);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Watching {ModelPath}: a changed file is reloaded once it has been quiet for {QuietMs} ms")]
    public static partial void WatchingModelFile(ILogger logger, string modelPath, double quietMs);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Cannot watch {ModelPath} ({Reason}); reload it with POST /admin/reload")]
    public static partial void ModelWatchFailed(ILogger logger, string modelPath, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Classifier {ClassifierVersion} from {ClassifierPath} ({Architecture}, CPU): every beat gets a predicted type")]
    public static partial void ClassifierLoaded(ILogger logger, string classifierVersion, string classifierPath, string architecture);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "No classifier (Engine:ClassifierPath is empty): beats are scored but not typed")]
    public static partial void ClassifierOff(ILogger logger);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Classifier {ClassifierVersion} now typing (replaced {PreviousVersion})")]
    public static partial void ClassifierActivated(ILogger logger, string classifierVersion, string previousVersion);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason} ({Detail})")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, DeadLetterReason reason, string detail);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Writing to {OutputTopic} the result of {Topic}[{Partition}]@{Offset} failed ({Code}, fatal {IsFatal}); retrying unless fatal")]
    public static partial void DeliveryFailed(ILogger logger, string outputTopic, string topic, int partition, long offset, ErrorCode code, bool isFatal);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Transaction aborted ({Code}): {Reason}; {BeatCount} beats will be read again")]
    public static partial void TransactionAborted(ILogger logger, ErrorCode code, string reason, int beatCount);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{Operation} retrying ({Code}): {Reason}")]
    public static partial void Retrying(ILogger logger, string operation, ErrorCode code, string reason);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "Drain ran out of time ({DrainTimeoutMs} ms; {QueuedWrites} writes still queued): the beats without acknowledged results stay uncommitted and are read again")]
    public static partial void DrainRanOut(ILogger logger, double drainTimeoutMs, int queuedWrites);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "A transactional call into the producer has not returned after {WaitedSeconds} s (librdkafka issue 5456): its transaction is given up, {BeatCount} beats will be read again, and a new producer takes over")]
    public static partial void ProducerStuck(ILogger logger, double waitedSeconds, int beatCount);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "A new transactional producer took over from the stuck one (fencing it)")]
    public static partial void ProducerRenewed(ILogger logger);
}
