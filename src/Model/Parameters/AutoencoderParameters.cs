namespace EcgStream.Model.Parameters;

/// <summary>
/// Every parameter of the LSTM autoencoder, named as the seed's PyTorch module names them
/// (encoder.rnn1, encoder.rnn2, decoder.rnn1, decoder.rnn2, decoder.output_layer).
/// The same type holds gradients and Adam moments: one array per parameter, same shapes.
/// </summary>
public sealed class AutoencoderParameters
{
    /// <summary>Creates zeroed parameters for <paramref name="shape"/>.</summary>
    public AutoencoderParameters(AutoencoderShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        Shape = shape;
        Encoder1 = new LstmParameters(shape.Features, shape.HiddenSize);
        Encoder2 = new LstmParameters(shape.HiddenSize, shape.EmbeddingSize);
        Decoder1 = new LstmParameters(shape.EmbeddingSize, shape.EmbeddingSize);
        Decoder2 = new LstmParameters(shape.EmbeddingSize, shape.HiddenSize);
        Output = new LinearParameters(shape.HiddenSize, shape.Features);
    }

    /// <summary>The sizes these parameters were made for.</summary>
    public AutoencoderShape Shape { get; }

    /// <summary>encoder.rnn1: LSTM(Features → HiddenSize).</summary>
    public LstmParameters Encoder1 { get; }

    /// <summary>encoder.rnn2: LSTM(HiddenSize → EmbeddingSize); its last hidden state is z.</summary>
    public LstmParameters Encoder2 { get; }

    /// <summary>decoder.rnn1: LSTM(EmbeddingSize → EmbeddingSize), fed z at every step.</summary>
    public LstmParameters Decoder1 { get; }

    /// <summary>decoder.rnn2: LSTM(EmbeddingSize → HiddenSize).</summary>
    public LstmParameters Decoder2 { get; }

    /// <summary>decoder.output_layer: Linear(HiddenSize → Features).</summary>
    public LinearParameters Output { get; }

    /// <summary>Every tensor under its state_dict name, in a fixed order (the order PyTorch's state_dict lists them).</summary>
    public IReadOnlyList<NamedTensor> Tensors()
    {
        var list = new List<NamedTensor>(18);
        AddLstm(list, "encoder.rnn1", Encoder1);
        AddLstm(list, "encoder.rnn2", Encoder2);
        AddLstm(list, "decoder.rnn1", Decoder1);
        AddLstm(list, "decoder.rnn2", Decoder2);
        list.Add(new NamedTensor("decoder.output_layer.weight", [Output.OutputSize, Output.InputSize], Output.Weight));
        list.Add(new NamedTensor("decoder.output_layer.bias", [Output.OutputSize], Output.Bias));
        return list;
    }

    /// <summary>Total number of scalar parameters.</summary>
    public long Count => Tensors().Sum(t => (long)t.Data.Length);

    /// <summary>
    /// PyTorch's default initialisation: every LSTM and Linear value drawn uniformly from [−k, k],
    /// k = 1/√hidden_size (LSTM) or 1/√in_features (Linear). Deterministic for a seed (not PyTorch's RNG stream).
    /// </summary>
    public static AutoencoderParameters Initialize(AutoencoderShape shape, int seed)
    {
        var p = new AutoencoderParameters(shape);
        var random = new Random(seed);
        foreach (var lstm in new[] { p.Encoder1, p.Encoder2, p.Decoder1, p.Decoder2 })
        {
            float k = 1f / MathF.Sqrt(lstm.HiddenSize);
            Fill(lstm.WeightIh, k, random);
            Fill(lstm.WeightHh, k, random);
            Fill(lstm.BiasIh, k, random);
            Fill(lstm.BiasHh, k, random);
        }
        float kl = 1f / MathF.Sqrt(p.Output.InputSize);
        Fill(p.Output.Weight, kl, random);
        Fill(p.Output.Bias, kl, random);
        return p;
    }

    /// <summary>A deep copy: same shape, same values, new arrays.</summary>
    public AutoencoderParameters Clone()
    {
        var copy = new AutoencoderParameters(Shape);
        CopyTo(copy);
        return copy;
    }

    /// <summary>Copies every value into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(AutoencoderParameters destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Shape != Shape) throw new ArgumentException("Shapes differ.", nameof(destination));
        var from = Tensors();
        var to = destination.Tensors();
        for (int i = 0; i < from.Count; i++) from[i].Data.AsSpan().CopyTo(to[i].Data);
    }

    private static void AddLstm(List<NamedTensor> list, string prefix, LstmParameters lstm)
    {
        int h4 = 4 * lstm.HiddenSize;
        list.Add(new NamedTensor(prefix + ".weight_ih_l0", [h4, lstm.InputSize], lstm.WeightIh));
        list.Add(new NamedTensor(prefix + ".weight_hh_l0", [h4, lstm.HiddenSize], lstm.WeightHh));
        list.Add(new NamedTensor(prefix + ".bias_ih_l0", [h4], lstm.BiasIh));
        list.Add(new NamedTensor(prefix + ".bias_hh_l0", [h4], lstm.BiasHh));
    }

    private static void Fill(float[] values, float k, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * k);
    }
}
