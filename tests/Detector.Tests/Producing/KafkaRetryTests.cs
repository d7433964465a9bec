using Confluent.Kafka;
using EcgStream.Detector.Producing;

namespace EcgStream.Detector.Tests.Producing;

public sealed class KafkaRetryTests
{
    private static readonly KafkaRetry Retry = new(TimeSpan.Zero, logger: null);

    private static bool IsTimeout(KafkaException e) => e.Error.Code == ErrorCode.Local_TimedOut;

    // A call that fails `failures` times with `error`, then returns how many tries it took.
    private static Func<int> FailingFirst(int failures, ErrorCode error)
    {
        int tries = 0;
        return () => ++tries <= failures ? throw new KafkaException(error) : tries;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    public async Task KafkaRetry_RunsTheCallAgain_WhileTheRuleAcceptsItsError(int failures)
    {
        int tries = await Retry.RunAsync("test", FailingFirst(failures, ErrorCode.Local_TimedOut), IsTimeout);

        Assert.Equal(failures + 1, tries);
    }

    [Fact]
    public async Task KafkaRetry_ThrowsTheError_TheRuleRefuses()
    {
        var call = FailingFirst(2, ErrorCode.Local_Fatal);

        var thrown = await Assert.ThrowsAsync<KafkaException>(() => Retry.RunAsync("test", call, IsTimeout).AsTask());

        Assert.Equal(ErrorCode.Local_Fatal, thrown.Error.Code);
    }

    [Fact]
    public async Task KafkaRetry_StopsRetrying_OnceTheRuleRefuses()
    {
        int allowed = 3, tries = 0;

        await Assert.ThrowsAsync<KafkaException>(() => Retry.RunAsync("test", () =>
        {
            tries++;
            throw new KafkaException(ErrorCode.Local_TimedOut);
        }, _ => --allowed >= 0).AsTask());

        Assert.Equal(4, tries);
    }

    [Fact]
    public async Task KafkaRetry_LetsOtherExceptionsThrough_WithoutRetrying()
    {
        int tries = 0;

        await Assert.ThrowsAsync<ProducerStuckException>(() => Retry.RunAsync("test", () =>
        {
            tries++;
            throw new ProducerStuckException(TimeSpan.FromSeconds(1));
        }, _ => true).AsTask());

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task KafkaRetry_PausesBetweenTries()
    {
        var pause = TimeSpan.FromMilliseconds(50);
        var retry = new KafkaRetry(pause, logger: null);
        var started = TimeProvider.System.GetTimestamp();

        await retry.RunAsync("test", FailingFirst(2, ErrorCode.Local_TimedOut), IsTimeout);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= 2 * pause - TimeSpan.FromMilliseconds(2));
    }
}
