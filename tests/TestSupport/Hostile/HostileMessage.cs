using System.Text;
using EcgStream.Beats.Wire;

namespace EcgStream.TestSupport;

/// <summary>A message that must be dead-lettered: its key and value as they go on the wire, and the reason it must get.</summary>
/// <param name="Name">What makes it hostile, for test output.</param>
/// <param name="Key">The message key bytes; null for a message without a key.</param>
/// <param name="Value">The message value; null for a tombstone.</param>
/// <param name="Reason">The dead-letter reason the detector must give it.</param>
public sealed record HostileMessage(string Name, byte[]? Key, byte[]? Value, DeadLetterReason Reason)
{
    /// <summary>The key as the consumer decodes it (UTF-8, invalid bytes replaced).</summary>
    public string? KeyText => Key is null ? null : Encoding.UTF8.GetString(Key);

    /// <summary>Name, expected reason and size: enough to find a failing case, without dumping the bytes.</summary>
    public override string ToString() => $"{Name} -> {Reason} ({Value?.Length.ToString() ?? "null"} bytes)";
}
