namespace EcgStream.Tools.Soak;

/// <summary>One reading of the soak: the detector process's memory and its counters, at a moment of a phase.</summary>
/// <param name="Phase">"capacity", "overload" or "drain".</param>
/// <param name="ElapsedSeconds">Seconds since the soak started.</param>
/// <param name="Sent">Beats the load generator has had acknowledged by the broker so far.</param>
/// <param name="Decided">Beats the detector has scored so far (ecgstream_beats_scored_total).</param>
/// <param name="Lag">Consumer lag summed over partitions (ecgstream_consumer_lag).</param>
/// <param name="Pauses">Times the consumer paused (ecgstream_consumer_pauses_total).</param>
/// <param name="RssMiB">Resident set size of the detector process (VmRSS).</param>
/// <param name="PeakRssMiB">Highest resident set size of the detector process so far (VmHWM).</param>
public sealed record SoakSample(string Phase, double ElapsedSeconds, long Sent, double Decided, double Lag, double Pauses, double RssMiB, double PeakRssMiB);
