using EcgStream.Model.Parameters;

namespace EcgStream.Model;

/// <summary>An LSTM autoencoder as it is stored in a file: the weights and what is needed to score with them.</summary>
/// <param name="Parameters">The weights; their shape is the architecture.</param>
/// <param name="Metadata">Threshold, normalisation, provenance.</param>
public sealed record AutoencoderModel(AutoencoderParameters Parameters, ModelMetadata Metadata) : IAutoencoderModel
{
    /// <inheritdoc />
    public AutoencoderArchitecture Architecture => AutoencoderArchitecture.LstmAe;

    /// <summary>The architecture.</summary>
    public AutoencoderShape Shape => Parameters.Shape;

    /// <inheritdoc />
    public IAutoencoderModel WithMetadata(ModelMetadata metadata) => this with { Metadata = metadata };
}
