namespace EcgStream.Model;

/// <summary>Which autoencoder a model file holds (metadata <c>architecture</c>; see <see cref="AutoencoderArchitectureNames"/>).</summary>
public enum AutoencoderArchitecture
{
    /// <summary>"lstm-ae": the LSTM autoencoder (<see cref="AutoencoderModel"/>); files without an architecture hold one.</summary>
    LstmAe,

    /// <summary>"dense-ae": the dense autoencoder 140 → 64 → 32 → 16 → 32 → 64 → 140 (<see cref="DenseAutoencoderModel"/>).</summary>
    DenseAe,
}
