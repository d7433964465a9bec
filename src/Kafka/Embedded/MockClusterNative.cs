using System.Runtime.InteropServices;

namespace EcgStream.Kafka.Embedded;

/// <summary>
/// P/Invoke declarations for the parts of librdkafka's C API the embedded broker uses: a client handle to own the mock
/// cluster, and the mock cluster API (rdkafka_mock.h). The library is the one librdkafka.redist ships with Confluent.Kafka.
/// </summary>
internal static partial class MockClusterNative
{
    private const string Library = "librdkafka";

    /// <summary>rd_kafka_type_t RD_KAFKA_PRODUCER.</summary>
    internal const int ProducerType = 0;

    /// <summary>rd_kafka_conf_res_t RD_KAFKA_CONF_OK.</summary>
    internal const int ConfOk = 0;

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_new(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_rtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_clear_request_errors(nint cluster, short apiKey);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_coordinator_set(nint cluster, string keyType, string key, int brokerId);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_partition_set_leader(nint cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(nint cluster, int delayMs);

    // rd_kafka_mock_broker_push_request_error_rtts(cluster, broker_id, ApiKey, cnt, ...) takes cnt pairs (error code, rtt ms)
    // as C varargs. On the 64-bit Linux ABIs (System V x86-64, AAPCS64) integer varargs are passed exactly like fixed
    // integer arguments, so this declaration passes one pair; the broker appends each push to its error stack in order.
    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_push_request_error_rtts(nint cluster, int brokerId, short apiKey, nuint count, int error, int rttMs);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_error_stack_cnt(nint cluster, int brokerId, short apiKey, out nuint count);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_start_request_tracking(nint cluster);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_stop_request_tracking(nint cluster);

    /// <summary>Returns rd_kafka_mock_request_t*[count], copies the caller frees with rd_kafka_mock_request_destroy_array.</summary>
    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_get_requests(nint cluster, out nuint count);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_request_destroy_array(nint requests, nuint count);

    /// <summary>The id of the broker that received the request.</summary>
    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_request_id(nint request);

    [LibraryImport(Library)]
    internal static partial short rd_kafka_mock_request_api_key(nint request);

    /// <summary>When the broker received the request: librdkafka's monotonic clock, in microseconds.</summary>
    [LibraryImport(Library)]
    internal static partial long rd_kafka_mock_request_timestamp(nint request);
}
