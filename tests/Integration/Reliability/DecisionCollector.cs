using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// Reads the decisions topic (scored beats) from the start on its own thread, read_committed (so aborted transactions
/// are never counted), and records each decision's beat id in a <see cref="BeatLedger"/>.
/// </summary>
public sealed class DecisionCollector : IDisposable
{
    // How long to keep reading after the last beat was decided, so late duplicates are counted too.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private readonly BeatLedger _ledger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    /// <summary>Starts reading <paramref name="topic"/> on <paramref name="cluster"/> into <paramref name="ledger"/>.</summary>
    public DecisionCollector(TestCluster cluster, string topic, BeatLedger ledger)
    {
        _ledger = ledger;
        var config = cluster.Options.CreateConsumerConfig($"ledger-{Guid.NewGuid():N}");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        config.FetchWaitMaxMs = 20;
        var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Subscribe(topic);
        _thread = new Thread(() => Run(consumer)) { IsBackground = true, Name = "decision-collector" };
        _thread.Start();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the ledger; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitUntilAsync(Func<BeatLedger, bool> condition, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; !condition(_ledger); await Task.Delay(20))
            if (DateTime.UtcNow > deadline) return false;
        return true;
    }

    /// <summary>Waits until every sent beat is decided (or <paramref name="timeout"/> passes), then reads on briefly to count duplicates.</summary>
    public async Task WaitForAllAsync(TimeSpan timeout)
    {
        await WaitUntilAsync(l => l.IsComplete, timeout);
        await Task.Delay(Settle);
    }

    private void Run(IConsumer<byte[]?, byte[]> consumer)
    {
        using (consumer)
        {
            while (!_stop.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]>? record;
                try
                {
                    record = consumer.Consume(TimeSpan.FromMilliseconds(50));
                }
                catch (ConsumeException)
                {
                    // Injected fetch errors reach this reader too; it retries like any consumer.
                    continue;
                }
                if (record?.Message?.Value is not { } value) continue;
                _ledger.Decided(JsonSerializer.Deserialize(value, WireJsonContext.Default.ScoredBeat)!.BeatId);
            }
            consumer.Close();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
