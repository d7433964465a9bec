using EcgStream.Benchmarks.Engine;

// `engine --batch B --threads T --seconds S [--device cpu]`: engine throughput (see EngineBenchmark).
const string Usage = "usage: engine --batch B --threads T --seconds S [--device cpu] [--seed N]";
if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
switch (args[0])
{
    case "engine":
        string? error = EngineBenchmarkOptions.TryParse(args[1..], out var options);
        if (error is not null)
        {
            Console.Error.WriteLine($"error: {error}\n{Usage}");
            return 2;
        }
        return EngineBenchmark.Run(options);
    default:
        Console.Error.WriteLine($"error: unknown command '{args[0]}'.\n{Usage}");
        return 2;
}
