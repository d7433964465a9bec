using EcgStream.Model.Classification;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Classifies the beats of one split with a classifier and measures the result.</summary>
public static class ClassifierEvaluation
{
    // Beats handed to the classifier per call: large enough to keep every thread busy, small enough to stay in cache.
    private const int ChunkBeats = 256;

    /// <summary>Classifies every beat of <paramref name="split"/> and computes the figures.</summary>
    public static ClassificationOutcome Run(ClassifierModel model, SplitDataSet data, DataSplit split, BeatClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var beats = data.Beats.Where(b => b.Split == split).ToList();
        var predictions = Predict(model, classifier, beats);
        var matrix = MulticlassConfusionMatrix.Of(
            predictions.Select(p => p.Truth).ToArray(), predictions.Select(p => p.Predicted).ToArray(), model.Parameters.ClassCount);
        var provenance = model.Metadata.Provenance;
        var metrics = ClassificationMetrics.From(matrix, model.Metadata.ClassNames, model.Metadata.ModelVersion,
            ClassifierArchitectureNames.Name(model.Parameters.Architecture), ProtocolNames.Of(data.Protocol), ProtocolNames.Of(split),
            data.SplitSeed, provenance.GetValueOrDefault(ProvenanceKeys.Balance, "unknown"));
        return new ClassificationOutcome(metrics, predictions);
    }

    /// <summary>
    /// The predictions of <paramref name="classifier"/> for <paramref name="beats"/>, normalised with the model's
    /// normalisation, in the order given.
    /// </summary>
    public static IReadOnlyList<BeatPrediction> Predict(ClassifierModel model, BeatClassifier classifier, IReadOnlyList<SplitBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(beats);
        int classes = classifier.ClassCount;
        var predictions = new List<BeatPrediction>(beats.Count);
        var probabilities = new float[ChunkBeats * classes];
        for (int start = 0; start < beats.Count; start += ChunkBeats)
        {
            var chunk = beats.Skip(start).Take(ChunkBeats).ToList();
            foreach (var beat in chunk)
            {
                if (beat.Beat.Samples.Length != classifier.SamplesPerBeat)
                {
                    throw new ArgumentException($"The classifier takes beats of {classifier.SamplesPerBeat} samples; {beat.Beat.SourceFile} row {beat.Beat.Row} has {beat.Beat.Samples.Length}.", nameof(beats));
                }
            }
            float[] packed = BeatMatrix.Pack(chunk.Select(b => b.Beat).ToList(), model.Metadata.Normalisation);
            classifier.Classify(packed, chunk.Count, probabilities.AsSpan(0, chunk.Count * classes));
            for (int i = 0; i < chunk.Count; i++)
            {
                var p = probabilities.AsSpan(i * classes, classes).ToArray();
                predictions.Add(new BeatPrediction(chunk[i].Beat, chunk[i].Split, BeatPrediction.ArgMax(p), p));
            }
        }
        return predictions;
    }
}
