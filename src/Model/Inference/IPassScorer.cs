namespace EcgStream.Model.Inference;

/// <summary>What a CPU engine gives <see cref="ScorePassJob"/>: scoring one contiguous run of beats on the calling thread.</summary>
internal unsafe interface IPassScorer
{
    /// <summary>Samples per beat: the distance between consecutive beats in the input and reconstructions.</summary>
    int BeatLength { get; }

    /// <summary>Scores <paramref name="count"/> beats; <paramref name="reconstructions"/> may be null.</summary>
    void ScorePass(float* beats, int count, ErrorMetric metric, float* errors, float* reconstructions);
}
