namespace EcgStream.Beats.Ecg5000;

/// <summary>A data file is missing or does not hold ECG5000 rows; the message names the file and line.</summary>
public sealed class Ecg5000FormatException(string message) : Exception(message);
