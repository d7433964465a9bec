using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Training;

/// <summary>
/// The ROC-AUC of the validation beats (normal against anomalous) under a snapshot of the weights during training, scored
/// by the same CPU engine and error metric as <c>evaluate</c>, so the figure that picks the kept epoch is the one
/// <c>evaluate --split validation</c> reports for it.
/// </summary>
public sealed class ValidationRocAuc
{
    private readonly IReadOnlyList<LabeledBeat> _beats;
    private readonly bool[] _isAnomaly;
    private readonly ErrorMetric _metric;
    private readonly int _threads;

    /// <summary>Ranks <paramref name="beats"/> (both classes needed) by <paramref name="metric"/> on <paramref name="threads"/> threads.</summary>
    public ValidationRocAuc(IReadOnlyList<LabeledBeat> beats, ErrorMetric metric, int threads)
    {
        ArgumentNullException.ThrowIfNull(beats);
        _isAnomaly = beats.Select(b => b.IsAnomaly).ToArray();
        if (!_isAnomaly.Contains(true) || !_isAnomaly.Contains(false))
        {
            throw new ArgumentException("Ranking by ROC-AUC needs normal and anomalous validation beats.", nameof(beats));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _beats = beats;
        _metric = metric;
        _threads = threads;
    }

    /// <summary>The ROC-AUC of the beats' scores under <paramref name="parameters"/>, beats normalised by <paramref name="normalisation"/>.</summary>
    public double Of(AutoencoderParameters parameters, Normalisation normalisation) =>
        Of(new AutoencoderModel(parameters, new ModelMetadata { Normalisation = normalisation }));

    /// <summary>The ROC-AUC of the beats' scores under <paramref name="model"/> (either architecture), beats normalised by its metadata's normalisation.</summary>
    public double Of(IAutoencoderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (engine, _) = InferenceEngineFactory.Create(EngineDevice.Cpu, model, _threads);
        using var scorer = new BeatScorer(engine, new ModelMetadata { ErrorMetric = _metric, Normalisation = model.Metadata.Normalisation });
        return RankingCurves.RocAuc(scorer.Score(_beats), _isAnomaly);
    }
}
