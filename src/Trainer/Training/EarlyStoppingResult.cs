namespace EcgStream.Trainer.Training;

/// <summary>How an <see cref="EarlyStoppingLoop"/> run went.</summary>
/// <param name="History">Every epoch that ran, in order.</param>
/// <param name="BestEpoch">The epoch whose weights were kept last (1-based).</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
internal sealed record EarlyStoppingResult<TRecord>(IReadOnlyList<TRecord> History, int BestEpoch, StopReason StopReason, TimeSpan Elapsed);
