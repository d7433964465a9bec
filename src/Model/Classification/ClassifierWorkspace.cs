namespace EcgStream.Model.Classification;

/// <summary>Scratch for one inference pass of a <see cref="PackedClassifier"/> over up to MaxBeats beats; allocated once, reused.</summary>
internal sealed class ClassifierWorkspace
{
    /// <summary>Allocates every buffer for <paramref name="network"/>'s sizes.</summary>
    public ClassifierWorkspace(PackedClassifier network, int gateBlockFloats)
    {
        int n = network.MaxBeats;
        Padded = network.Convolutions.Select(c => new float[(long)n * c.PaddedLength * c.InputChannels]).ToArray();
        int raw = 0, transformed = 0;
        for (int i = 0; i < network.Convolutions.Length; i++)
        {
            var conv = network.Convolutions[i];
            int chunk = network.ChunkSamples(i);
            if (network.Winograd[i] is { } winograd)
            {
                raw = Math.Max(raw, chunk * conv.PooledLength * winograd.ProductFloatsPerPair);
                transformed = Math.Max(transformed, chunk * conv.PooledLength * winograd.TransformedFloatsPerPair);
            }
            else
            {
                raw = Math.Max(raw, chunk * conv.PaddedLength * conv.Weights.Columns);
            }
        }
        Raw = new float[raw];
        Transformed = new float[transformed];
        int hidden = network.Recurrent.Length == 0 ? 0 : network.Recurrent.Max(l => l.PaddedHidden);
        int gateColumns = network.Recurrent.Length == 0 ? 0 : network.Recurrent.Max(l => l.InputWeights.Columns);
        bool recurrent = network.Recurrent.Length > 0;
        Sequence = recurrent ? new float[(long)network.SequenceSteps * n * network.SequenceChannels] : [];
        HiddenA = recurrent ? new float[(long)network.SequenceSteps * n * hidden] : [];
        HiddenB = network.Recurrent.Length > 1 ? new float[(long)network.SequenceSteps * n * hidden] : [];
        Cell = new float[n * hidden];
        Gates = recurrent ? new float[Math.Max(gateBlockFloats, n * gateColumns)] : [];
        Features = new float[n * network.FeatureStride];
    }

    /// <summary>Per convolution, its padded channels-last input [n, L + 2p, C_in]; the pad rows are never written, so stay zero.</summary>
    public float[][] Padded { get; }

    /// <summary>A chunk's convolution product [rows, C_out rounded up to a panel], or a Winograd convolution's six products.</summary>
    public float[] Raw { get; }

    /// <summary>A chunk's Winograd-transformed input [6, pairs, C_in] (<see cref="WinogradConvolution"/>); empty when no convolution has that form.</summary>
    public float[] Transformed { get; }

    /// <summary>The LSTMs' input, time-major [T, n, C].</summary>
    public float[] Sequence { get; }

    /// <summary>Hidden sequences [T, n, H_p] of the LSTMs, alternately.</summary>
    public float[] HiddenA { get; }

    /// <summary>The second LSTM's hidden sequence [T, n, H_p].</summary>
    public float[] HiddenB { get; }

    /// <summary>The current LSTM's cell state [n, H_p].</summary>
    public float[] Cell { get; }

    /// <summary>A block of steps' input projections [steps, n, 4·H_p].</summary>
    public float[] Gates { get; }

    /// <summary>The global average of the last convolution, [n, C] (conv1d).</summary>
    public float[] Features { get; }
}
