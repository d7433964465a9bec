namespace EcgStream.Beats.Wire;

/// <summary>Where a message was read: enough to find it again on the broker. Never the patient id.</summary>
/// <param name="Topic">Topic the message came from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset in that partition.</param>
public sealed record SourcePosition(string Topic, int Partition, long Offset);
