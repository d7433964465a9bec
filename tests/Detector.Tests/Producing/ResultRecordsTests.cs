using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Producing;
using EcgStream.Model;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Producing;

public sealed class ResultRecordsTests
{
    private const string Anomalies = "anomalies", Scores = "scores", DeadLetters = "dead-letters";
    private static readonly DateTimeOffset DecidedAt = DateTimeOffset.UnixEpoch.AddSeconds(10);

    // Classes 1..5; class 3 (PVC) is the most likely.
    private static readonly float[] Probabilities = [0.05f, 0.1f, 0.7f, 0.1f, 0.05f];

    private static ResultRecords Records(string? scores = null) =>
        new(Options.Create(new TopicsOptions { Anomalies = Anomalies, Scores = scores, DeadLetters = DeadLetters }), TimeProvider.System);

    private static BeatEnvelope Beat() => new()
    {
        Position = new TopicPartitionOffset("ecg.beats", 2, 42),
        Beat = new BeatWindow("patient-1", "beat-42", 7, DateTimeOffset.UnixEpoch, new float[140]) { Label = BeatClass.Pvc },
        ConsumedTimestamp = 0,
    };

    private static BeatEnvelope Invalid() => new()
    {
        Position = new TopicPartitionOffset("ecg.beats", 1, 9),
        Error = new BeatWindowError(DeadLetterReason.WrongSampleCount, "139 samples"),
        Key = KeptBytes.Of("patient-9"u8.ToArray()),
        Value = KeptBytes.Of("{\"samples\":[]}"u8.ToArray()),
        ConsumedTimestamp = 0,
    };

    private static ScoredBatch Scored(BeatEnvelope item, BeatDecision decision, bool classified = false) =>
        new(new BeatBatch([item]), [decision], new float[140], new float[140], [item.Beat is null ? -1 : 0], 0, TimeSpan.FromMilliseconds(3),
            new ModelMetadata { ModelVersion = "ae-v1", Threshold = 1.5f })
        {
            ModelArchitecture = "dense-ae",
            Probabilities = classified ? Probabilities : null,
            ClassifierVersion = classified ? "clf-v1" : null,
        };

    private static JsonElement Json(OutputRecord record) => JsonDocument.Parse(record.Message.Value).RootElement;

    [Fact]
    public void ResultRecords_WriteNothing_ForANormalBeat_WithoutAScoresTopic()
    {
        var records = Records().Of(Scored(Beat(), new BeatDecision(1f, IsAnomaly: false)), 0, DecidedAt);

        Assert.Empty(records);
    }

    [Fact]
    public void ResultRecords_WriteAnAnomalyEvent_WhenTheScorerDecidedAnomaly()
    {
        var records = Records().Of(Scored(Beat(), new BeatDecision(2f, IsAnomaly: true)), 0, DecidedAt);

        var anomaly = Assert.Single(records);
        Assert.Equal(Anomalies, anomaly.Topic);
        Assert.Equal("patient-1", Encoding.UTF8.GetString(anomaly.Message.Key!));
        var json = Json(anomaly);
        Assert.Equal("beat-42", json.GetProperty("beatId").GetString());
        Assert.Equal(2f, json.GetProperty("score").GetSingle());
        Assert.Equal(1.5f, json.GetProperty("threshold").GetSingle());
        Assert.Equal("ae-v1", json.GetProperty("modelVersion").GetString());
        Assert.Equal("dense-ae", json.GetProperty("modelArchitecture").GetString());
        Assert.Equal(42, json.GetProperty("source").GetProperty("offset").GetInt64());
        Assert.Equal(10_000, json.GetProperty("latency").GetProperty("endToEndMs").GetDouble());
    }

    [Fact]
    public void ResultRecords_AnomalyEvent_CarriesTheBeatType_WhenClassified()
    {
        var records = Records().Of(Scored(Beat(), new BeatDecision(2f, IsAnomaly: true), classified: true), 0, DecidedAt);

        var json = Json(Assert.Single(records));
        Assert.Equal("PVC", json.GetProperty("beatType").GetProperty("name").GetString());
        Assert.Equal(Probabilities, json.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()));
        Assert.Equal("clf-v1", json.GetProperty("classifierVersion").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResultRecords_WriteAScoredBeat_ForEveryBeat_WhenTheScoresTopicIsSet(bool anomalous)
    {
        var records = Records(Scores).Of(Scored(Beat(), new BeatDecision(2f, anomalous)), 0, DecidedAt);

        var scored = records[^1];
        Assert.Equal(anomalous ? [Anomalies, Scores] : [Scores], records.Select(r => r.Topic));
        Assert.Equal(anomalous, Json(scored).GetProperty("isAnomaly").GetBoolean());
        Assert.Equal("beat-42", Json(scored).GetProperty("beatId").GetString());
    }

    [Fact]
    public void ResultRecords_WriteOnlyADeadLetter_WithTheOriginalKeyAndReason_ForAMessageThatIsNotABeat()
    {
        var records = Records(Scores).Of(Scored(Invalid(), new BeatDecision(float.NaN, IsAnomaly: false)), 0, DecidedAt);

        var letter = Assert.Single(records);
        Assert.Equal(DeadLetters, letter.Topic);
        Assert.Equal("patient-9", Encoding.UTF8.GetString(letter.Message.Key!));
        Assert.Equal("WrongSampleCount", Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(DeadLetter.ReasonHeader)));
        var json = Json(letter);
        Assert.Equal("WrongSampleCount", json.GetProperty("reason").GetString());
        Assert.Equal("{\"samples\":[]}", Encoding.UTF8.GetString(json.GetProperty("originalValue").GetBytesFromBase64()));
    }
}
