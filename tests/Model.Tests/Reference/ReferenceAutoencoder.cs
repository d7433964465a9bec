using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Reference;

/// <summary>
/// Test oracle for the inference engines: the autoencoder's forward pass for one beat in double precision, written
/// straight from the PyTorch module (encoder.rnn1 → encoder.rnn2 → z repeated → decoder.rnn1 → decoder.rnn2 →
/// output_layer), with no batching, padding or packing.
/// </summary>
internal static class ReferenceAutoencoder
{
    /// <summary>The reconstruction x̂ [T·F] of one beat x [T·F].</summary>
    public static double[] Reconstruct(AutoencoderParameters p, ReadOnlySpan<float> beat)
    {
        var shape = p.Shape;
        int steps = shape.SequenceLength;
        var input = new double[steps][];
        for (int t = 0; t < steps; t++)
        {
            input[t] = new double[shape.Features];
            for (int f = 0; f < shape.Features; f++) input[t][f] = beat[t * shape.Features + f];
        }

        var e1 = Lstm(p.Encoder1, input);
        var e2 = Lstm(p.Encoder2, e1);
        var z = e2[steps - 1];
        var d1 = Lstm(p.Decoder1, Enumerable.Repeat(z, steps).ToArray());
        var d2 = Lstm(p.Decoder2, d1);

        var output = new double[steps * shape.Features];
        for (int t = 0; t < steps; t++)
            for (int f = 0; f < shape.Features; f++)
            {
                double y = p.Output.Bias[f];
                for (int j = 0; j < shape.HiddenSize; j++) y += p.Output.Weight[f * shape.HiddenSize + j] * d2[t][j];
                output[t * shape.Features + f] = y;
            }
        return output;
    }

    /// <summary>The error of one beat under <paramref name="metric"/>, as ErrorMetric defines it.</summary>
    public static double Error(ReadOnlySpan<float> beat, double[] reconstruction, ErrorMetric metric)
    {
        double sum = 0;
        for (int i = 0; i < beat.Length; i++)
        {
            double d = beat[i] - reconstruction[i];
            sum += metric == ErrorMetric.MeanSquared ? d * d : Math.Abs(d);
        }
        return metric == ErrorMetric.L1Sum ? sum : sum / beat.Length;
    }

    /// <summary>nn.LSTM over a sequence from h = c = 0; returns h_t for every t.</summary>
    private static double[][] Lstm(LstmParameters lstm, double[][] input)
    {
        int hidden = lstm.HiddenSize, inputs = lstm.InputSize;
        var h = new double[hidden];
        var c = new double[hidden];
        var outputs = new double[input.Length][];
        for (int t = 0; t < input.Length; t++)
        {
            var a = new double[4 * hidden];
            for (int row = 0; row < 4 * hidden; row++)
            {
                double sum = lstm.BiasIh[row] + lstm.BiasHh[row];
                for (int k = 0; k < inputs; k++) sum += lstm.WeightIh[row * inputs + k] * input[t][k];
                for (int k = 0; k < hidden; k++) sum += lstm.WeightHh[row * hidden + k] * h[k];
                a[row] = sum;
            }
            var next = new double[hidden];
            for (int u = 0; u < hidden; u++)
            {
                double i = Sigmoid(a[u]), f = Sigmoid(a[hidden + u]), g = Math.Tanh(a[2 * hidden + u]), o = Sigmoid(a[3 * hidden + u]);
                c[u] = f * c[u] + i * g;
                next[u] = o * Math.Tanh(c[u]);
            }
            h = next;
            outputs[t] = next;
        }
        return outputs;
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
