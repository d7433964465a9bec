using System.Globalization;

namespace EcgStream.Tools.CommandLine;

/// <summary>The <c>--name value</c> flags of the demo, bench, soak and broker commands, checked before any work starts.</summary>
public sealed class CommandLineFlags
{
    private readonly Dictionary<string, string> _values;

    private CommandLineFlags(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="CommandLineException"/> for an unknown flag or a flag without a value.</summary>
    public static CommandLineFlags Parse(string[] args, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            if (!known.Contains(flag)) throw new CommandLineException($"unknown option '{flag}' (known: {string.Join(", ", known)})");
            if (i + 1 >= args.Length) throw new CommandLineException($"option '{flag}' needs a value");
            values[flag] = args[++i];
        }
        return new CommandLineFlags(values);
    }

    /// <summary>The flag's integer value, or <paramref name="fallback"/>; throws when it is not an integer in [min, max].</summary>
    public int GetInt(string flag, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(flag, out string? text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new CommandLineException($"{flag} must be an integer from {min} to {max}, not '{text}'");
        return value;
    }

    /// <summary>The flag's number value, or <paramref name="fallback"/>; throws when it is not a number in [min, max].</summary>
    public double GetDouble(string flag, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(flag, out string? text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
            throw new CommandLineException($"{flag} must be a number from {min} to {max}, not '{text}'");
        return value;
    }

    /// <summary>The flag's text value, or <paramref name="fallback"/>.</summary>
    public string? GetString(string flag, string? fallback) => _values.GetValueOrDefault(flag, fallback!);
}
