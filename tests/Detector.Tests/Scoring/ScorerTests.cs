using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Batching;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Model;
using EcgStream.Model.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcgStream.Detector.Tests.Scoring;

public sealed class ScorerTests : IDisposable
{
    private const float Threshold = 2f;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    // An engine whose reconstruction error of each beat is the beat's first sample, so a test chooses every score.
    private sealed class FirstSampleEngine : IInferenceEngine
    {
        public AutoencoderShape Shape { get; } = new(140, 1, 8, 16);

        public string Device => "test";

        public void Score(ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions = default)
        {
            for (int i = 0; i < count; i++) errors[i] = beats[i * Shape.BeatLength];
        }

        public void Dispose() { }
    }

    private Scorer CreateScorer()
    {
        var metrics = new DetectorMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var model = new ScoringModel(new FirstSampleEngine(), new ModelMetadata { ModelVersion = "v1", Threshold = Threshold });
        return new Scorer(new ActiveModel(model, metrics, NullLogger<ActiveModel>.Instance), new EngineActivity(), metrics, TimeProvider.System);
    }

    private static BeatEnvelope Beat(long offset, float score)
    {
        var samples = new float[140];
        samples[0] = score;
        return new BeatEnvelope
        {
            Position = new TopicPartitionOffset("ecg.beats", 0, offset),
            Beat = new BeatWindow("patient-1", $"beat-{offset}", offset, DateTimeOffset.UnixEpoch, samples),
            ConsumedTimestamp = 0,
        };
    }

    private static BeatEnvelope Invalid(long offset) => new()
    {
        Position = new TopicPartitionOffset("ecg.beats", 0, offset),
        Error = new BeatWindowError(DeadLetterReason.InvalidJson, "test"),
        ConsumedTimestamp = 0,
    };

    [Theory]
    [InlineData(Threshold + 0.5f, true)]
    [InlineData(Threshold, false)]
    [InlineData(Threshold - 0.5f, false)]
    public void Scorer_DecidesAnomaly_OnlyWhenTheScoreIsAboveTheThreshold(float score, bool anomalous)
    {
        var scorer = CreateScorer();

        var scored = scorer.Score(new BeatBatch([Beat(0, score)]));

        Assert.Equal(new BeatDecision(score, anomalous), scored.Decisions[0]);
    }

    [Fact]
    public void Scorer_DecidesEachBeatOfABatch_InBatchOrder()
    {
        var scorer = CreateScorer();

        var scored = scorer.Score(new BeatBatch([Beat(0, 5f), Beat(1, 1f), Beat(2, 3f)]));

        Assert.Equal([true, false, true], scored.Decisions.Select(d => d.IsAnomaly));
        Assert.Equal([5f, 1f, 3f], scored.Decisions.Select(d => d.Score));
    }

    [Fact]
    public void Scorer_DecidesNoAnomaly_ForAMessageThatIsNotABeat()
    {
        var scorer = CreateScorer();

        var scored = scorer.Score(new BeatBatch([Beat(0, 5f), Invalid(1), Beat(2, 5f)]));

        Assert.False(scored.Decisions[1].IsAnomaly);
        Assert.True(float.IsNaN(scored.Decisions[1].Score));
        Assert.True(scored.Decisions[2].IsAnomaly);
    }

    public void Dispose() => _services.Dispose();
}
