using System.Text;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.Beats.Tests.Wire;

public sealed class BeatWindowCodecTests
{
    private static readonly BeatWindowCodec Codec = new(expectedSampleCount: 4, maxMessageBytes: 1024);

    private const string Valid =
        """{"patientId":"p1","beatId":"b1","sequence":3,"timestamp":"2024-06-01T12:00:00.123Z","sampleRateHz":140,"label":2,"samples":[0.5,-1,2e-3,4]}""";

    private static BeatWindowError ErrorOf(string json, string? key = "p1")
    {
        Assert.False(Codec.TryParse(Encoding.UTF8.GetBytes(json), key, out _, out var error));
        return error;
    }

    [Fact]
    public void BeatWindowCodec_ParsesEveryField_OfValidMessage()
    {
        Assert.True(Codec.TryParse(Encoding.UTF8.GetBytes(Valid), "p1", out var beat, out _));

        Assert.Equal("p1", beat.PatientId);
        Assert.Equal("b1", beat.BeatId);
        Assert.Equal(3, beat.Sequence);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, 123, TimeSpan.Zero), beat.Timestamp);
        Assert.Equal(140, beat.SampleRateHz);
        Assert.Equal(BeatClass.RonTPvc, beat.Label);
        Assert.Equal([0.5f, -1f, 2e-3f, 4f], beat.Samples);
    }

    [Fact]
    public void BeatWindowCodec_RoundTrips_SerializedBeat()
    {
        var beat = new BeatWindow("p9", "b9", 42, new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), [1.25f, -0.1f, 3e-7f, 1e30f]) { Label = BeatClass.Normal };

        Assert.True(Codec.TryParse(BeatWindowCodec.Serialize(beat), "p9", out var parsed, out _));

        Assert.Equal(beat with { Samples = parsed.Samples }, parsed);
        Assert.Equal(beat.Samples, parsed.Samples);
    }

    [Fact]
    public void BeatWindowCodec_IgnoresUnknownFields()
    {
        Assert.True(Codec.TryParse(Encoding.UTF8.GetBytes(Valid.Replace("{\"patientId\"", "{\"device\":{\"x\":[1,2]},\"patientId\"")), "p1", out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"patientId\":\"p1\"} trailing")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]")]
    public void BeatWindowCodec_RejectsAsInvalidJson_WhenNotAJsonObject(string json)
    {
        Assert.Equal(DeadLetterReason.InvalidJson, ErrorOf(json).Reason);
    }

    [Fact]
    public void BeatWindowCodec_RejectsAsInvalidJson_WhenStringIsNotUtf8()
    {
        byte[] value = Encoding.UTF8.GetBytes(Valid.Replace("\"b1\"", "\"b\u00e9\""));
        int at = Array.IndexOf(value, (byte)0xC3);
        value[at + 1] = 0x28;   // a lead byte followed by a non-continuation byte

        Assert.False(Codec.TryParse(value, "p1", out _, out var error));

        Assert.Equal(DeadLetterReason.InvalidJson, error.Reason);
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("beatId")]
    [InlineData("sequence")]
    [InlineData("timestamp")]
    [InlineData("samples")]
    public void BeatWindowCodec_RejectsAsMissingField_WhenRequiredFieldAbsent(string field)
    {
        var error = ErrorOf(Valid.Replace($"\"{field}\"", "\"renamed\""));

        Assert.Equal(DeadLetterReason.MissingField, error.Reason);
        Assert.Contains(field, error.Detail);
    }

    [Theory]
    [InlineData("\"sequence\":3", "\"sequence\":\"3\"")]
    [InlineData("\"sequence\":3", "\"sequence\":-1")]
    [InlineData("\"sequence\":3", "\"sequence\":1.5")]
    [InlineData("\"timestamp\":\"2024-06-01T12:00:00.123Z\"", "\"timestamp\":\"yesterday\"")]
    [InlineData("\"beatId\":\"b1\"", "\"beatId\":\"\"")]
    [InlineData("\"patientId\":\"p1\"", "\"patientId\":7")]
    [InlineData("\"label\":2", "\"label\":9")]
    [InlineData("\"sampleRateHz\":140", "\"sampleRateHz\":0")]
    [InlineData("[0.5,", "[\"x\",")]
    [InlineData("\"samples\":[0.5,-1,2e-3,4]", "\"samples\":{\"a\":1}")]
    [InlineData("\"beatId\":\"b1\"", "\"beatId\":\"b1\",\"beatId\":\"b2\"")]
    public void BeatWindowCodec_RejectsAsInvalidField_WhenFieldHasWrongTypeOrRange(string from, string to)
    {
        Assert.Equal(DeadLetterReason.InvalidField, ErrorOf(Valid.Replace(from, to)).Reason);
    }

    [Theory]
    [InlineData("[0.5,-1,2e-3]")]
    [InlineData("[0.5,-1,2e-3,4,5]")]
    [InlineData("[]")]
    public void BeatWindowCodec_RejectsAsWrongSampleCount_WhenCountDiffers(string samples)
    {
        Assert.Equal(DeadLetterReason.WrongSampleCount, ErrorOf(Valid.Replace("[0.5,-1,2e-3,4]", samples)).Reason);
    }

    [Theory]
    [InlineData("[0.5,-1,1e999,4]")]
    [InlineData("[0.5,-1,-1e39,4]")]
    [InlineData("[0.5,\"NaN\",2e-3,4]")]
    [InlineData("[\"Infinity\",-1,2e-3,4]")]
    public void BeatWindowCodec_RejectsAsNonFiniteSample_WhenSampleIsNaNOrInfinite(string samples)
    {
        Assert.Equal(DeadLetterReason.NonFiniteSample, ErrorOf(Valid.Replace("[0.5,-1,2e-3,4]", samples)).Reason);
    }

    [Fact]
    public void BeatWindowCodec_RejectsAsOversized_WhenMessageExceedsLimit()
    {
        var error = ErrorOf(Valid.Replace("{\"patientId\"", $"{{\"pad\":\"{new string('x', 1024)}\",\"patientId\""));

        Assert.Equal(DeadLetterReason.Oversized, error.Reason);
    }

    [Theory]
    [InlineData("p2")]
    [InlineData(null)]
    public void BeatWindowCodec_RejectsAsKeyMismatch_WhenKeyIsNotPatientId(string? key)
    {
        Assert.Equal(DeadLetterReason.KeyMismatch, ErrorOf(Valid, key).Reason);
    }

    [Fact]
    public void BeatWindowCodec_PrefersInvalidJson_OverEarlierFieldErrors()
    {
        Assert.Equal(DeadLetterReason.InvalidJson, ErrorOf(Valid.Replace("\"sequence\":3", "\"sequence\":-1").TrimEnd('}')).Reason);
    }

    [Fact]
    public void BeatWindowCodec_KeepsPatientIdOutOfDetail()
    {
        var error = ErrorOf(Valid.Replace("\"patientId\":\"p1\"", "\"patientId\":\"secret-patient\"").Replace("[0.5,-1,2e-3,4]", "[1]"), "secret-patient");

        Assert.DoesNotContain("secret-patient", error.Detail);
    }
}
