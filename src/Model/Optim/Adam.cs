using EcgStream.Model.Parameters;

namespace EcgStream.Model.Optim;

/// <summary>
/// Adam exactly as torch.optim.Adam (single-tensor path, amsgrad off) updates a model's parameter tensors:
/// g ← g + wd·θ;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
/// θ ← θ − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε).
/// Works on any list of <see cref="NamedTensor"/>s (the autoencoder's, a classifier's); gradients come in the same order and shapes.
/// </summary>
public sealed class Adam
{
    // The parameters updated in place, and the moments m, v (one array per tensor, same lengths, zero at the start).
    private readonly IReadOnlyList<NamedTensor> _parameters;
    private readonly AdamOptions _options;
    private readonly float[][] _firstMoment;
    private readonly float[][] _secondMoment;

    // The learning rate of the next step: AdamOptions.LearningRate until a schedule changes it.
    private double _learningRate;

    /// <summary>Prepares to update <paramref name="parameters"/> in place; the moments start at zero.</summary>
    public Adam(AutoencoderParameters parameters, AdamOptions options)
        : this(parameters?.Tensors() ?? throw new ArgumentNullException(nameof(parameters)), options)
    {
    }

    /// <summary>Prepares to update the live arrays of <paramref name="parameters"/> in place; the moments start at zero.</summary>
    public Adam(IReadOnlyList<NamedTensor> parameters, AdamOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _parameters = parameters;
        _options = options;
        _firstMoment = parameters.Select(t => new float[t.Data.Length]).ToArray();
        _secondMoment = parameters.Select(t => new float[t.Data.Length]).ToArray();
        LearningRate = options.LearningRate;
    }

    /// <summary>
    /// The learning rate of the next steps; starts at <see cref="AdamOptions.LearningRate"/>. A schedule lowers it between
    /// steps, as PyTorch's schedulers set <c>param_groups[0]["lr"]</c>; the moments are kept.
    /// </summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Must be positive and finite.");
            _learningRate = value;
        }
    }

    /// <summary>Steps taken so far (t of the bias corrections).</summary>
    public int StepCount { get; private set; }

    /// <summary>Applies one update with <paramref name="gradients"/> (same shape as the parameters; not modified).</summary>
    public void Step(AutoencoderParameters gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        Step(gradients.Tensors());
    }

    /// <summary>Applies one update with <paramref name="gradients"/>: one tensor per parameter, same order and lengths; not modified.</summary>
    public void Step(IReadOnlyList<NamedTensor> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Count != _parameters.Count) throw new ArgumentException("Gradients and parameters have different shapes.", nameof(gradients));
        for (int tensor = 0; tensor < gradients.Count; tensor++)
        {
            if (gradients[tensor].Data.Length != _parameters[tensor].Data.Length)
                throw new ArgumentException("Gradients and parameters have different shapes.", nameof(gradients));
        }
        StepCount++;

        // As PyTorch: the scalar factors are computed in double, then every element is updated in float.
        float beta1 = (float)_options.Beta1, beta2 = (float)_options.Beta2;
        float oneMinusBeta1 = (float)(1 - _options.Beta1), oneMinusBeta2 = (float)(1 - _options.Beta2);
        float weightDecay = (float)_options.WeightDecay;
        float stepSize = (float)(_learningRate / (1 - Math.Pow(_options.Beta1, StepCount)));
        float correction2Sqrt = (float)Math.Sqrt(1 - Math.Pow(_options.Beta2, StepCount));
        float epsilon = (float)_options.Epsilon;

        for (int tensor = 0; tensor < _parameters.Count; tensor++)
        {
            float[] theta = _parameters[tensor].Data, g = gradients[tensor].Data, m = _firstMoment[tensor], v = _secondMoment[tensor];
            for (int i = 0; i < theta.Length; i++)
            {
                float gi = weightDecay == 0f ? g[i] : g[i] + weightDecay * theta[i];
                m[i] = m[i] * beta1 + oneMinusBeta1 * gi;
                v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
                float denominator = MathF.Sqrt(v[i]) / correction2Sqrt + epsilon;
                theta[i] -= stepSize * (m[i] / denominator);
            }
        }
    }
}
