using Confluent.Kafka;

namespace EcgStream.Detector.Producing;

/// <summary>One record of a beat's result, ready to produce: an anomaly event, a scored beat or a dead letter.</summary>
/// <param name="Topic">The output topic it goes to.</param>
/// <param name="Message">Key, JSON value and headers, as they go on the wire.</param>
public sealed record OutputRecord(string Topic, Message<byte[]?, byte[]> Message);
