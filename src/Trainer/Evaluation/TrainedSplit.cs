using System.Globalization;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// How a model file's data was split when it was trained, as its provenance records it. <c>evaluate</c>,
/// <c>report</c> and <c>evaluate-classifier</c> split the data the same way by default, so that the test split they
/// score holds none of the model's training beats.
/// </summary>
internal static class TrainedSplit
{
    /// <summary>The protocol the model was trained under; <see cref="DataProtocol.Seed"/> for a model that does not say.</summary>
    public static DataProtocol Protocol(IReadOnlyDictionary<string, string> provenance) =>
        provenance.TryGetValue(ProvenanceKeys.Protocol, out var stored) && ProtocolNames.TryParse(stored, out DataProtocol parsed) ? parsed : DataProtocol.Seed;

    /// <summary>The seed of the split shuffles; <see cref="Ecg5000Splits.DefaultSplitSeed"/> for a model that does not say.</summary>
    public static int Seed(IReadOnlyDictionary<string, string> provenance) =>
        provenance.TryGetValue(ProvenanceKeys.SplitSeed, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out int seed)
            ? seed : Ecg5000Splits.DefaultSplitSeed;
}
