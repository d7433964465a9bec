namespace EcgStream.Model.Classification;

/// <summary>The beat classifier's network; see <see cref="ClassifierParameters"/> for the layers of each.</summary>
public enum ClassifierArchitecture
{
    /// <summary>"conv1d": three Conv1d + ReLU + MaxPool(2) blocks (32, 64, 128 channels), global average pooling, Dropout, Linear.</summary>
    Conv1d,

    /// <summary>"lstm": two stacked LSTMs (1 → 32 → 32) over the 140 samples, the last hidden state, Dropout, Linear.</summary>
    Lstm,

    /// <summary>"conv1d-lstm": two Conv1d + ReLU + MaxPool(2) blocks (32, 64 channels), an LSTM (64 → 64) over the pooled sequence, its last hidden state, Dropout, Linear.</summary>
    Conv1dLstm,
}
