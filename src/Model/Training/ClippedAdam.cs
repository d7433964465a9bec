using EcgStream.Model.Optim;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>The trainers' update: clip the gradient by its global norm (when a norm is set), then one Adam step.</summary>
internal sealed class ClippedAdam
{
    private readonly Adam _adam;

    // The largest global gradient norm; 0 turns clipping off.
    private readonly double _clipNorm;

    /// <summary>Prepares to update the live arrays of <paramref name="parameters"/> in place.</summary>
    public ClippedAdam(IReadOnlyList<NamedTensor> parameters, double learningRate, double weightDecay, double clipNorm)
    {
        _adam = new Adam(parameters, new AdamOptions { LearningRate = learningRate, WeightDecay = weightDecay });
        _clipNorm = clipNorm;
    }

    /// <summary>Adam's learning rate for the next steps; a schedule may lower it.</summary>
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>Adam steps taken so far.</summary>
    public int StepCount => _adam.StepCount;

    /// <summary>Clips <paramref name="gradients"/> in place when a norm is set, then takes one Adam step with them.</summary>
    public void Step(IReadOnlyList<NamedTensor> gradients)
    {
        if (_clipNorm > 0) GradientClipping.ClipByGlobalNorm(gradients, _clipNorm);
        _adam.Step(gradients);
    }
}
