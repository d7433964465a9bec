using System.Globalization;
using EcgStream.Ingest.Replay;
using EcgStream.Kafka;

namespace EcgStream.Ingest;

/// <summary>Turns <c>replay</c>'s command line (and Kafka__* environment variables) into <see cref="ReplayOptions"/>, checked before any work starts.</summary>
public static class ReplayArguments
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        usage: ingest replay [options]
          Replays ECG5000's test file, or synthetic beats when no data is given, to a Kafka topic as JSON beat windows
          keyed by patient id, each carrying its ground-truth label.
        options:
          --data DIR               ECG5000 folder (ECG5000_TEST.txt is replayed); default: synthetic beats
          --bootstrap HOST:PORT    Kafka brokers (default localhost:9092, or Kafka:BootstrapServers)
          --topic T                topic to write (default ecg.beats)
          --patients N             simulated patients, one message key each (default 16)
          --rate R|max|real        total beats/s, as fast as possible, or each patient in real time (default real)
          --limit N                stop after N beats (default: when the data run out, or Ctrl-C)
          --loop                   replay ECG5000 again from the start after its last row
          --anomaly-fraction F     share of anomalous beats, 0..1 (default: ECG5000 rows in file order; synthetic 0.2)
          --seed S                 seed of rhythms and beats (default 1)
          --Kafka:KEY VALUE        any librdkafka setting, e.g. --Kafka:sasl.mechanism PLAIN (also Kafka__KEY=VALUE in
                                   the environment); --Kafka:Producer:KEY applies to the producer only
          -h, --help               this text
        """;

    private const string KafkaPrefix = "--Kafka:";

    /// <summary>Parses <paramref name="args"/> (after "replay"); <paramref name="environment"/> supplies Kafka__* settings first.</summary>
    public static ReplayOptions Parse(IReadOnlyList<string> args, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var options = new ReplayOptions();
        LoadKafka(options.Kafka, environment
            .Where(e => e.Key.StartsWith("Kafka__", StringComparison.OrdinalIgnoreCase))
            .Select(e => KeyValuePair.Create(e.Key["Kafka__".Length..].Replace("__", ":"), e.Value)));
        string? bootstrap = null;
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            if (flag == "--loop") { options.Loop = true; continue; }
            if (flag.StartsWith(KafkaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                string setting = flag[KafkaPrefix.Length..];
                int equals = setting.IndexOf('=');
                var pair = equals >= 0
                    ? KeyValuePair.Create(setting[..equals], (string?)setting[(equals + 1)..])
                    : KeyValuePair.Create(setting, (string?)ValueOf(args, ref i, flag));
                LoadKafka(options.Kafka, [pair]);
                continue;
            }
            switch (flag)
            {
                case "--data": options.DataDirectory = ValueOf(args, ref i, flag); break;
                case "--bootstrap": bootstrap = ValueOf(args, ref i, flag); break;
                case "--topic": options.Topic = ValueOf(args, ref i, flag); break;
                case "--patients": options.Patients = (int)Integer(ValueOf(args, ref i, flag), flag, 1, 100_000); break;
                case "--rate": options.Pace = Pace(ValueOf(args, ref i, flag)); break;
                case "--limit": options.Limit = Integer(ValueOf(args, ref i, flag), flag, 1, long.MaxValue); break;
                case "--anomaly-fraction": options.AnomalyFraction = Fraction(ValueOf(args, ref i, flag), flag); break;
                case "--seed": options.Seed = (int)Integer(ValueOf(args, ref i, flag), flag, int.MinValue, int.MaxValue); break;
                default: throw new UsageException($"unknown option '{flag}' (see --help)");
            }
        }
        if (bootstrap is not null) options.Kafka.BootstrapServers = bootstrap;
        if (string.IsNullOrWhiteSpace(options.Topic)) throw new UsageException("--topic must not be empty");
        return options;
    }

    private static void LoadKafka(KafkaOptions kafka, IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        try
        {
            kafka.Load(pairs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0]);
        }
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i, string flag)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"option '{flag}' needs a value");
        return args[++i];
    }

    private static long Integer(string text, string flag, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
            throw new UsageException($"{flag} must be an integer from {min} to {max}, not '{text}'");
        return value;
    }

    private static double Fraction(string text, string flag)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value is >= 0 and <= 1))
            throw new UsageException($"{flag} must be a number from 0 to 1, not '{text}'");
        return value;
    }

    private static ReplayPace Pace(string text) =>
        ReplayPace.TryParse(text, out var pace) ? pace : throw new UsageException($"--rate must be a positive number of beats/s, 'max' or 'real', not '{text}'");
}
