namespace EcgStream.Beats.Wire;

/// <summary>
/// A message's key or value as a dead letter keeps it: at most its first <see cref="DeadLetter.MaxOriginalBytes"/> bytes,
/// and its full length. Cut when the message is read, so a huge bad message does not sit whole in the pipeline.
/// </summary>
/// <param name="Bytes">The first bytes (all of them when short enough); null when there were none (no key).</param>
/// <param name="Length">The full length in bytes; 0 when there were none.</param>
public readonly record struct KeptBytes(byte[]? Bytes, int Length)
{
    /// <summary>Keeps <paramref name="bytes"/>, cut to <see cref="DeadLetter.MaxOriginalBytes"/>.</summary>
    public static KeptBytes Of(byte[]? bytes) =>
        new(bytes is null || bytes.Length <= DeadLetter.MaxOriginalBytes ? bytes : bytes[..DeadLetter.MaxOriginalBytes], bytes?.Length ?? 0);
}
