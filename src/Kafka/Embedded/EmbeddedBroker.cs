using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace EcgStream.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, which speaks the real Kafka protocol on real TCP ports of
/// 127.0.0.1, so clients in this or another process connect to <see cref="BootstrapServers"/>. It keeps roughly the last
/// 5 MB of each partition and runs consumer groups and transactions, but does not store offsets sent with a transaction.
/// Fault injection (broker down/up, round-trip time, request errors, per-broker delayed responses, coordinator moves) and
/// request tracking are exposed for reliability tests.
/// Broker ids run from 1 to <see cref="BrokerCount"/>.
/// </summary>
public sealed class EmbeddedBroker : IDisposable
{
    // The client handle that owns the cluster: the mock cluster lives on its threads and dies with it.
    private nint _owner;

    // rd_kafka_mock_cluster_t*.
    private nint _cluster;

    private EmbeddedBroker(nint owner, nint cluster, int brokerCount, string bootstrapServers)
    {
        _owner = owner;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port of every broker, for "bootstrap.servers".</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>
    /// Starts a cluster of <paramref name="brokerCount"/> brokers. Consumer groups rebalance after
    /// <paramref name="initialRebalanceDelay"/> (the mock's default, 3 s, only slows tests and demos down; default here 100 ms).
    /// </summary>
    public static EmbeddedBroker Start(int brokerCount = 1, TimeSpan? initialRebalanceDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNativeLibrary.EnsureLoaded();
        var error = new byte[512];
        nint conf = MockClusterNative.rd_kafka_conf_new();
        // The owner handle only hosts the cluster; it never connects, so it logs errors only.
        if (MockClusterNative.rd_kafka_conf_set(conf, "log_level", "3", error, (nuint)error.Length) != MockClusterNative.ConfOk)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_InvalidArg, ErrorText(error)));
        }
        nint owner = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, error, (nuint)error.Length);
        if (owner == 0)
        {
            // rd_kafka_new takes ownership of conf only when it succeeds.
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"cannot create the broker's owner handle: {ErrorText(error)}"));
        }
        nint cluster = MockClusterNative.rd_kafka_mock_cluster_new(owner, brokerCount);
        if (cluster == 0)
        {
            MockClusterNative.rd_kafka_destroy(owner);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, "librdkafka could not start the mock cluster"));
        }
        MockClusterNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, (int)(initialRebalanceDelay ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds);
        string bootstrap = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(cluster)) ?? "";
        return new EmbeddedBroker(owner, cluster, brokerCount, bootstrap);
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (replication: every broker, at most 3).</summary>
    public void CreateTopic(string topic, int partitions = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(MockClusterNative.rd_kafka_mock_topic_create(Cluster, topic, partitions, Math.Min(BrokerCount, 3)), $"create topic {topic}");
    }

    /// <summary>Takes broker <paramref name="brokerId"/> down: its connections close and new ones are refused.</summary>
    public void SetBrokerDown(int brokerId) => Check(MockClusterNative.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back up.</summary>
    public void SetBrokerUp(int brokerId) => Check(MockClusterNative.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"broker {brokerId} up");

    /// <summary>Delays every response of broker <paramref name="brokerId"/> by <paramref name="roundTrip"/> (zero removes the delay).</summary>
    public void SetBrokerRoundTrip(int brokerId, TimeSpan roundTrip) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_rtt(Cluster, brokerId, (int)roundTrip.TotalMilliseconds), $"broker {brokerId} rtt");

    /// <summary>Makes the next requests of type <paramref name="apiKey"/>, on any broker, fail with <paramref name="errors"/>, one error per request, in order.</summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        var codes = Array.ConvertAll(errors, e => (int)e);
        MockClusterNative.rd_kafka_mock_push_request_errors_array(Cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>
    /// Makes the next requests of type <paramref name="apiKey"/> that broker <paramref name="brokerId"/> receives answer
    /// <paramref name="responses"/> in order, one per request: each with its error (<see cref="ErrorCode.NoError"/> for a
    /// normal answer) after its delay, as a broker that stalls and then fails does. These come before errors pushed for the
    /// whole cluster with <see cref="PushRequestErrors"/>.
    /// </summary>
    public void PushBrokerResponses(int brokerId, KafkaApiKey apiKey, params (ErrorCode Error, TimeSpan Delay)[] responses)
    {
        foreach (var (error, delay) in responses)
            Check(MockClusterNative.rd_kafka_mock_broker_push_request_error_rtts(Cluster, brokerId, (short)apiKey, 1, (int)error, (int)delay.TotalMilliseconds),
                $"push a {apiKey} response on broker {brokerId}");
    }

    /// <summary>How many responses pushed with <see cref="PushBrokerResponses"/> broker <paramref name="brokerId"/> has not used yet.</summary>
    public int PendingBrokerResponses(int brokerId, KafkaApiKey apiKey)
    {
        Check(MockClusterNative.rd_kafka_mock_broker_error_stack_cnt(Cluster, brokerId, (short)apiKey, out nuint count), $"count broker {brokerId}'s pushed {apiKey} responses");
        return (int)count;
    }

    /// <summary>Starts recording every request the brokers receive (see <see cref="TrackedRequests"/>); the record so far is kept.</summary>
    public void StartRequestTracking() => MockClusterNative.rd_kafka_mock_start_request_tracking(Cluster);

    /// <summary>Stops recording requests.</summary>
    public void StopRequestTracking() => MockClusterNative.rd_kafka_mock_stop_request_tracking(Cluster);

    /// <summary>The requests recorded since <see cref="StartRequestTracking"/>, in the order the brokers received them.</summary>
    public IReadOnlyList<TrackedRequest> TrackedRequests()
    {
        nint array = MockClusterNative.rd_kafka_mock_get_requests(Cluster, out nuint count);
        if (array == 0) return [];
        try
        {
            var requests = new TrackedRequest[(int)count];
            for (int i = 0; i < requests.Length; i++)
            {
                nint request = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                requests[i] = new TrackedRequest(
                    MockClusterNative.rd_kafka_mock_request_id(request),
                    (KafkaApiKey)MockClusterNative.rd_kafka_mock_request_api_key(request),
                    MockClusterNative.rd_kafka_mock_request_timestamp(request));
            }
            return requests;
        }
        finally
        {
            MockClusterNative.rd_kafka_mock_request_destroy_array(array, count);
        }
    }

    /// <summary>Removes errors pushed for <paramref name="apiKey"/> that have not been used yet.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) => MockClusterNative.rd_kafka_mock_clear_request_errors(Cluster, (short)apiKey);

    /// <summary>Moves the coordinator of consumer group <paramref name="groupId"/> to broker <paramref name="brokerId"/>.</summary>
    public void SetGroupCoordinator(string groupId, int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_coordinator_set(Cluster, "group", groupId, brokerId), $"coordinator of group {groupId}");

    /// <summary>Moves the coordinator of transactional id <paramref name="transactionalId"/> to broker <paramref name="brokerId"/>.</summary>
    public void SetTransactionCoordinator(string transactionalId, int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_coordinator_set(Cluster, "transaction", transactionalId, brokerId), $"coordinator of {transactionalId}");

    /// <summary>Makes broker <paramref name="brokerId"/> the leader of <paramref name="topic"/>[<paramref name="partition"/>].</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_partition_set_leader(Cluster, topic, partition, brokerId), $"leader of {topic}[{partition}]");

    /// <summary>Stops every broker and frees the cluster; clients still connected see their connections close.</summary>
    public void Dispose()
    {
        if (_cluster != 0) MockClusterNative.rd_kafka_mock_cluster_destroy(_cluster);
        if (_owner != 0) MockClusterNative.rd_kafka_destroy(_owner);
        _cluster = 0;
        _owner = 0;
    }

    private nint Cluster => _cluster != 0 ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedBroker));

    private static void Check(int errorCode, string operation)
    {
        if (errorCode != 0) throw new KafkaException(new Error((ErrorCode)errorCode, $"embedded broker: {operation} failed"));
    }

    private static string ErrorText(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
