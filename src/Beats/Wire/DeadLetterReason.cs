namespace EcgStream.Beats.Wire;

/// <summary>Why a message from the beats topic could not be scored and went to the dead-letter topic.</summary>
public enum DeadLetterReason
{
    /// <summary>The value is not well-formed UTF-8 JSON, or is not a JSON object, or is empty.</summary>
    InvalidJson,

    /// <summary>A required field (patientId, beatId, sequence, timestamp, samples) is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type or a value outside its range, or appears twice.</summary>
    InvalidField,

    /// <summary>The samples array does not hold exactly the number of samples the model expects.</summary>
    WrongSampleCount,

    /// <summary>A sample is NaN or infinite (including numbers too large for a float).</summary>
    NonFiniteSample,

    /// <summary>The message is larger than the configured maximum.</summary>
    Oversized,

    /// <summary>The message key is not the beat's patient id, so per-patient ordering cannot be trusted.</summary>
    KeyMismatch,

    /// <summary>The Kafka client could not deliver the message to the application (for example a corrupt record).</summary>
    ConsumeError,
}
