namespace EcgStream.Beats.Wire;

/// <summary>Why a message is not a valid <see cref="BeatWindow"/>.</summary>
/// <param name="Reason">The category, used as the dead-letter reason and as a metric tag.</param>
/// <param name="Detail">One line for people: which field and what was wrong. Never contains sample values or the patient id.</param>
public readonly record struct BeatWindowError(DeadLetterReason Reason, string Detail);
