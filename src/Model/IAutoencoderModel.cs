namespace EcgStream.Model;

/// <summary>
/// A model file's autoencoder, whichever architecture it is: <see cref="AutoencoderModel"/> (lstm-ae) or
/// <see cref="DenseAutoencoderModel"/> (dense-ae). Serialization.ModelFile.LoadAny reads either, and
/// Inference.InferenceEngineFactory creates the engine for either.
/// </summary>
public interface IAutoencoderModel
{
    /// <summary>Which autoencoder this is.</summary>
    AutoencoderArchitecture Architecture { get; }

    /// <summary>Threshold, normalisation, provenance.</summary>
    ModelMetadata Metadata { get; }

    /// <summary>The sizes an engine reports for this model (see <see cref="DenseAutoencoderModel.Shape"/> for the dense one).</summary>
    AutoencoderShape Shape { get; }

    /// <summary>The same weights (shared, not copied) with <paramref name="metadata"/>.</summary>
    IAutoencoderModel WithMetadata(ModelMetadata metadata);
}
