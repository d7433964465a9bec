namespace EcgStream.Kafka.Embedded;

/// <summary>Kafka protocol request types (API keys) the embedded broker can be told to fail, for fault injection.</summary>
public enum KafkaApiKey : short
{
    /// <summary>Produce: writes records.</summary>
    Produce = 0,

    /// <summary>Fetch: reads records.</summary>
    Fetch = 1,

    /// <summary>ListOffsets: resolves earliest/latest offsets.</summary>
    ListOffsets = 2,

    /// <summary>Metadata: topics, partitions and leaders.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit: a consumer group commits offsets.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch: a consumer group reads its committed offsets.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator: locates a group or transaction coordinator.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup: a member joins a consumer group.</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat: a member stays in its group.</summary>
    Heartbeat = 12,

    /// <summary>SyncGroup: members receive their assignment.</summary>
    SyncGroup = 14,

    /// <summary>InitProducerId: an idempotent or transactional producer gets its id.</summary>
    InitProducerId = 22,

    /// <summary>AddPartitionsToTxn: a transaction adds output partitions.</summary>
    AddPartitionsToTxn = 24,

    /// <summary>AddOffsetsToTxn: a transaction adds a group's offsets.</summary>
    AddOffsetsToTxn = 25,

    /// <summary>EndTxn: commits or aborts a transaction.</summary>
    EndTxn = 26,

    /// <summary>TxnOffsetCommit: offsets sent with a transaction.</summary>
    TxnOffsetCommit = 28,
}
