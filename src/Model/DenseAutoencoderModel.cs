using EcgStream.Model.Parameters;

namespace EcgStream.Model;

/// <summary>A dense autoencoder as it is stored in a file: the weights and what is needed to score with them.</summary>
/// <param name="Parameters">The weights; their sizes are the architecture.</param>
/// <param name="Metadata">Threshold, normalisation, provenance.</param>
public sealed record DenseAutoencoderModel(DenseAutoencoderParameters Parameters, ModelMetadata Metadata) : IAutoencoderModel
{
    /// <inheritdoc />
    public AutoencoderArchitecture Architecture => AutoencoderArchitecture.DenseAe;

    /// <summary>
    /// The beat as engines and callers see it: SequenceLength = the beat length (140), Features = 1; EmbeddingSize is
    /// the bottleneck (16) and HiddenSize the first encoder width (64). Only <see cref="AutoencoderShape.BeatLength"/>
    /// matters to callers; the other two are for logs.
    /// </summary>
    public AutoencoderShape Shape => ShapeOf(Parameters);

    /// <inheritdoc />
    public IAutoencoderModel WithMetadata(ModelMetadata metadata) => this with { Metadata = metadata };

    /// <summary>The <see cref="Shape"/> of a dense autoencoder with these parameters.</summary>
    public static AutoencoderShape ShapeOf(DenseAutoencoderParameters parameters) =>
        new(parameters.BeatLength, 1, parameters.BottleneckSize, parameters.Sizes[1]);
}
