namespace EcgStream.Model.Training;

/// <summary>The trainers' check of a beats argument.</summary>
internal static class BeatSpans
{
    /// <summary>Throws unless <paramref name="count"/> ≥ 1 and <paramref name="beats"/> holds count·<paramref name="beatLength"/> values; returns beatLength.</summary>
    public static int Check(ReadOnlySpan<float> beats, int count, int beatLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (beats.Length < (long)count * beatLength)
        {
            throw new ArgumentException($"{count} beats need {(long)count * beatLength} values; got {beats.Length}.", nameof(beats));
        }
        return beatLength;
    }
}
