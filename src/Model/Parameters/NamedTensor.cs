namespace EcgStream.Model.Parameters;

/// <summary>One parameter tensor under its PyTorch state_dict name; <see cref="Data"/> is the live array, not a copy.</summary>
/// <param name="Name">state_dict key, e.g. "encoder.rnn1.weight_ih_l0".</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Data">The values, row-major.</param>
public sealed record NamedTensor(string Name, int[] Shape, float[] Data);
