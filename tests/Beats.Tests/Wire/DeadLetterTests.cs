using System.Text.Json;
using EcgStream.Beats.Wire;

namespace EcgStream.Beats.Tests.Wire;

public sealed class DeadLetterTests
{
    private static readonly BeatWindowError Error = new(DeadLetterReason.Oversized, "too big");
    private static readonly SourcePosition Source = new("ecg.beats", 1, 42);

    [Fact]
    public void DeadLetter_KeepsKeyAndValueWhole_WhenWithinLimit()
    {
        byte[] key = [1, 2, 3], value = new byte[DeadLetter.MaxOriginalBytes];

        var letter = DeadLetter.Of(Error, Source, DateTimeOffset.UnixEpoch, KeptBytes.Of(key), KeptBytes.Of(value));

        Assert.Same(key, letter.OriginalKey);
        Assert.Same(value, letter.OriginalValue);
        Assert.Equal(3, letter.OriginalKeyLength);
        Assert.Equal(DeadLetter.MaxOriginalBytes, letter.OriginalValueLength);
    }

    [Fact]
    public void DeadLetter_CutsKeyAndValue_AndKeepsTheirLengths_WhenOverLimit()
    {
        var random = new Random(7);
        byte[] key = new byte[300_000], value = new byte[900_000];
        random.NextBytes(key);
        random.NextBytes(value);

        var letter = DeadLetter.Of(Error, Source, DateTimeOffset.UnixEpoch, KeptBytes.Of(key), KeptBytes.Of(value));

        Assert.Equal(key[..DeadLetter.MaxOriginalBytes], letter.OriginalKey);
        Assert.Equal(value[..DeadLetter.MaxOriginalBytes], letter.OriginalValue);
        Assert.Equal(300_000, letter.OriginalKeyLength);
        Assert.Equal(900_000, letter.OriginalValueLength);
    }

    [Fact]
    public void KeptBytes_HoldsOnlyTheFirstMaxOriginalBytes_OfAHugeMessage_AndItsFullLength()
    {
        var huge = new byte[5_000_000];
        huge[0] = 42;

        var kept = KeptBytes.Of(huge);

        Assert.Equal(DeadLetter.MaxOriginalBytes, kept.Bytes!.Length);
        Assert.Equal(42, kept.Bytes[0]);
        Assert.Equal(5_000_000, kept.Length);
    }

    [Fact]
    public void DeadLetter_FitsKafkaDefaultMessageLimit_ForAnyInputSize()
    {
        var letter = DeadLetter.Of(Error, Source, DateTimeOffset.UnixEpoch, KeptBytes.Of(new byte[5_000_000]), KeptBytes.Of(new byte[5_000_000]));

        int recordBytes = letter.OriginalKey!.Length + JsonSerializer.SerializeToUtf8Bytes(letter, WireJsonContext.Default.DeadLetter).Length;

        Assert.InRange(recordBytes, 0, 1_000_000);
    }

    [Fact]
    public void DeadLetter_RoundTripsLengths_ThroughJson()
    {
        var letter = DeadLetter.Of(Error, Source, DateTimeOffset.UnixEpoch, KeptBytes.Of(null), KeptBytes.Of(new byte[10]));

        var parsed = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(letter, WireJsonContext.Default.DeadLetter), WireJsonContext.Default.DeadLetter)!;

        Assert.Null(parsed.OriginalKey);
        Assert.Equal(0, parsed.OriginalKeyLength);
        Assert.Equal(10, parsed.OriginalValueLength);
    }
}
