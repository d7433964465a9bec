using System.Threading.Channels;
using EcgStream.Detector.Batching;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Telemetry;
using EcgStream.Model;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// Runs batches through the engine: normalises each valid beat as the model file says, scores the batch in one call,
/// decides per beat whether it is an anomaly (score above the model's threshold), and passes the decisions on in batch order. With a classifier, the same beats, normalised as the classifier file says,
/// are typed in one more call. The engine uses every core for one batch, so batches run one at a time. Each batch is
/// scored and typed by one model and classifier from start to end: a reload takes over at the start of a batch.
/// </summary>
public sealed class Scorer(ActiveModel activeModel, EngineActivity activity, DetectorMetrics metrics, TimeProvider time)
{
    // The classifier's normalised input, reused from batch to batch: only the scoring thread classifies, and the
    // classifier reads it within the call (the probabilities, which travel on with the batch, are a new array).
    private float[] _classifierInput = [];

    /// <summary>Scores batches until <paramref name="batches"/> completes, then completes <paramref name="scored"/>.</summary>
    public async Task RunAsync(ChannelReader<BeatBatch> batches, ChannelWriter<ScoredBatch> scored)
    {
        try
        {
            while (true)
            {
                if (!batches.TryRead(out var batch))
                {
                    activity.MarkIdle();
                    if (!await batches.WaitToReadAsync().ConfigureAwait(false)) break;
                    continue;
                }
                activity.MarkBusy();
                var result = Score(batch);
                await scored.WriteAsync(result).ConfigureAwait(false);
            }
            scored.TryComplete();
        }
        catch (Exception e)
        {
            scored.TryComplete(e);
            throw;
        }
    }

    /// <summary>Scores one batch and decides each beat: anomalous when its score is above the threshold of the model that scored it.</summary>
    public ScoredBatch Score(BeatBatch batch)
    {
        var model = activeModel.ForNextBatch();
        int samples = model.SamplesPerBeat, items = batch.Items.Count;
        var rowOfItem = new int[items];
        int rows = 0;
        for (int i = 0; i < items; i++) rowOfItem[i] = batch.Items[i].Beat is not null ? rows++ : -1;

        var normalised = new float[rows * samples];
        var reconstructions = new float[rows * samples];
        var errors = new float[rows];
        for (int i = 0; i < items; i++)
        {
            if (rowOfItem[i] < 0) continue;
            var row = normalised.AsSpan(rowOfItem[i] * samples, samples);
            batch.Items[i].Beat!.Samples.CopyTo(row);
            model.Metadata.Normalisation.Apply(row);
        }

        long started = time.GetTimestamp();
        if (rows > 0) model.Engine.Score(normalised, rows, model.Metadata.ErrorMetric, errors, reconstructions);
        var probabilities = model.Classifier is { } classifier && rows > 0 ? Classify(classifier, batch, rowOfItem, rows) : null;
        var inferenceTime = time.GetElapsedTime(started);
        if (rows > 0) metrics.RecordBatch(rows, inferenceTime);
        foreach (var item in batch.Items) metrics.RecordQueueWait(time.GetElapsedTime(item.ConsumedTimestamp, started));

        float threshold = model.Metadata.Threshold;
        var decisions = new BeatDecision[items];
        for (int i = 0; i < items; i++)
        {
            float score = rowOfItem[i] < 0 ? float.NaN : errors[rowOfItem[i]];
            // Strictly above: a beat scored exactly at the threshold is normal (and NaN, not a beat, is never an anomaly).
            decisions[i] = new BeatDecision(score, score > threshold);
        }
        return new ScoredBatch(batch, decisions, normalised, reconstructions, rowOfItem, started, inferenceTime, model.Metadata)
        {
            Probabilities = probabilities,
            ClassifierVersion = model.Classifier?.Version,
            ModelArchitecture = AutoencoderArchitectureNames.Name(model.Architecture),
        };
    }

    // [rows, classes] probabilities of the valid beats, each normalised as the classifier was trained (its own
    // normalisation, which need not be the autoencoder's).
    private float[] Classify(ServingClassifier classifier, BeatBatch batch, int[] rowOfItem, int rows)
    {
        int samples = classifier.Classifier.SamplesPerBeat;
        if (_classifierInput.Length < rows * samples) _classifierInput = new float[rows * samples];
        var input = _classifierInput.AsSpan(0, rows * samples);
        for (int i = 0; i < rowOfItem.Length; i++)
        {
            if (rowOfItem[i] < 0) continue;
            var row = input.Slice(rowOfItem[i] * samples, samples);
            batch.Items[i].Beat!.Samples.CopyTo(row);
            classifier.Metadata.Normalisation.Apply(row);
        }
        var probabilities = new float[rows * classifier.Classifier.ClassCount];
        classifier.Classifier.Classify(input, rows, probabilities);
        return probabilities;
    }
}
