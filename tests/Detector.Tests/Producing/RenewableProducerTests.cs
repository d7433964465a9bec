using Confluent.Kafka;
using EcgStream.Detector.Producing;

namespace EcgStream.Detector.Tests.Producing;

public sealed class RenewableProducerTests : IDisposable
{
    // Stuck calls are given up after Timeout + Grace; calls that return are given Ample, so a busy machine cannot fail them.
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50), Grace = TimeSpan.FromMilliseconds(100), Ample = TimeSpan.FromSeconds(30);

    // Real librdkafka producers; no broker is needed for what is tested here (nothing is sent).
    private readonly List<IProducer<byte[]?, byte[]>> _created = [];

    // Lets a "stuck" call return when the test says so.
    private readonly ManualResetEventSlim _release = new();

    private IProducer<byte[]?, byte[]> Create()
    {
        var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = "127.0.0.1:1" })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        _created.Add(producer);
        return producer;
    }

    private RenewableProducer Renewable() => new(Create, Grace);

    // Flush touches the native handle (Name does not: it is cached), so it throws once the producer is disposed.
    private static bool IsDisposed(IProducer<byte[]?, byte[]> producer)
    {
        try
        {
            producer.Flush(TimeSpan.Zero);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private void Stick(RenewableProducer renewable) =>
        Assert.Throws<ProducerStuckException>(() => renewable.Transact((_, _) => _release.Wait(), Timeout));

    // A renewable producer whose first producer got stuck, and that first producer.
    private (RenewableProducer Renewable, IProducer<byte[]?, byte[]> StuckProducer) Stuck()
    {
        var renewable = Renewable();
        var stuckProducer = renewable.Current;
        Stick(renewable);
        return (renewable, stuckProducer);
    }

    [Fact]
    public void Transact_RunsTheCallOnTheCurrentProducer_WithItsTimeout()
    {
        using var renewable = Renewable();
        IProducer<byte[]?, byte[]>? calledOn = null;
        var given = TimeSpan.Zero;

        renewable.Transact((producer, timeout) => (calledOn, given) = (producer, timeout), Ample);

        Assert.Same(renewable.Current, calledOn);
        Assert.Equal(Ample, given);
        Assert.False(renewable.IsStuck);
    }

    [Fact]
    public void Transact_RethrowsWhatTheCallThrows()
    {
        using var renewable = Renewable();
        var refused = new KafkaRetriableException(new Error(ErrorCode.Local_TimedOut, "coordinator away"));

        var thrown = Assert.Throws<KafkaRetriableException>(() => renewable.Transact((_, _) => throw refused, Ample));

        Assert.Same(refused, thrown);
        Assert.False(renewable.IsStuck);
    }

    [Fact]
    public void Transact_GivesUpOnACallThatOutlivesItsTimeoutAndGrace_AndMarksTheProducerStuck()
    {
        using var renewable = Renewable();

        var stuck = Assert.Throws<ProducerStuckException>(() => renewable.Transact((_, _) => _release.Wait(), Timeout));

        Assert.Equal(Timeout + Grace, stuck.Waited);
        Assert.True(renewable.IsStuck);
    }

    [Fact]
    public void Transact_RefusesAtOnce_WhileTheProducerIsStuck()
    {
        using var renewable = Renewable();
        Stick(renewable);
        bool ran = false;

        Assert.Throws<ProducerStuckException>(() => renewable.Transact((_, _) => ran = true, Timeout));

        Assert.False(ran);
    }

    [Fact]
    public void Renew_PutsANewProducerInPlaceOfTheStuckOne()
    {
        var (renewable, stuckProducer) = Stuck();
        using var _ = renewable;

        renewable.Renew();
        IProducer<byte[]?, byte[]>? calledOn = null;
        renewable.Transact((producer, _) => calledOn = producer, Ample);

        Assert.False(renewable.IsStuck);
        Assert.NotSame(stuckProducer, renewable.Current);
        Assert.Same(renewable.Current, calledOn);
    }

    [Fact]
    public void StuckProducer_IsDisposedOnlyOnceItsCallReturns()
    {
        var (renewable, stuckProducer) = Stuck();
        renewable.Renew();
        renewable.Dispose();

        Assert.False(IsDisposed(stuckProducer));
        _release.Set();
        Assert.True(SpinWait.SpinUntil(() => IsDisposed(stuckProducer), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Dispose_LeavesAStuckProducerToItsCall()
    {
        var (renewable, stuckProducer) = Stuck();

        renewable.Dispose();

        Assert.False(IsDisposed(stuckProducer));
    }

    [Fact]
    public void Dispose_DisposesTheCurrentProducer()
    {
        var renewable = Renewable();

        renewable.Dispose();

        Assert.True(IsDisposed(renewable.Current));
    }

    [Fact]
    public void Renew_LeavesTheProducerStuck_WhenANewOneCannotBeMade()
    {
        int made = 0;
        using var renewable = new RenewableProducer(() => ++made == 1 ? Create() : throw new KafkaException(ErrorCode.Local_TimedOut), Grace);
        Stick(renewable);

        Assert.Throws<KafkaException>(renewable.Renew);

        Assert.True(renewable.IsStuck);
    }

    public void Dispose()
    {
        // Lets stuck calls end, so their producers are disposed by the class under test; disposes the rest.
        _release.Set();
        foreach (var producer in _created.Where(p => !IsDisposed(p)))
        {
            try { producer.Dispose(); } catch (ObjectDisposedException) { }
        }
    }
}
