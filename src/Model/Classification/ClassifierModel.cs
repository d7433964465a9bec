namespace EcgStream.Model.Classification;

/// <summary>A beat classifier as it is stored in a file: the weights (their architecture included) and the metadata.</summary>
/// <param name="Parameters">The weights.</param>
/// <param name="Metadata">Class names, normalisation, provenance.</param>
public sealed record ClassifierModel(ClassifierParameters Parameters, ClassifierMetadata Metadata);
