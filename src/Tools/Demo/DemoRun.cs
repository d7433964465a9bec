using System.Diagnostics;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Synthetic;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Ingest;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Stack;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Tools.Demo;

/// <summary>
/// The demo in one process: the embedded broker, the detector host (scores topic on, live page on a free port) and the
/// ingest replaying beats at the offered rate for the duration; the decisions are read back from the scores topic and
/// counted against the labels the beats carried. Prints a live line every second; returns the summary.
/// </summary>
public static class DemoRun
{
    private const int Partitions = 4;

    /// <summary>How long to wait, after the last beat is sent, for the decisions still in flight.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the detector may take to join its group.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the demo; <paramref name="cancellation"/> (Ctrl-C) ends the sending early, the rest still completes.</summary>
    public static async Task<DemoSummary> RunAsync(DemoOptions options, TextWriter output, CancellationToken cancellation)
    {
        string modelPath = ModelFileFlags.Model(options.ModelPath);
        string classifierPath = ModelFileFlags.Classifier(options.ClassifierPath);
        IBeatSource source = options.DataDirectory is { } directory
            ? new Ecg5000BeatSource(directory, options.AnomalyFraction, loop: true, options.Seed)
            : new SyntheticBeatSource(options.AnomalyFraction ?? ReplayOptions.DefaultSyntheticAnomalyFraction, options.Seed);

        await using var stack = LocalStack.Start(Partitions);
        var app = await stack.StartDetectorAsync(new Dictionary<string, string?>
        {
            ["Engine:ModelPath"] = modelPath, ["Engine:ClassifierPath"] = classifierPath, ["Engine:Device"] = options.Device,
        });
        var active = app.Services.GetRequiredService<ActiveModel>();
        string modelVersion = active.ServingVersion;
        string? classifierVersion = active.ServingClassifierVersion;
        WarmUp(app.Services.GetRequiredService<ScoringModel>(), options.Seed);
        await WaitUntilReadyAsync(app.Services.GetRequiredService<DetectorReadiness>(), cancellation);
        output.WriteLine($"embedded broker {stack.Kafka.BootstrapServers}; detector with model {modelVersion}, "
            + $"{(classifierVersion is null ? "no classifier" : $"classifier {classifierVersion}")}; live page {app.Urls.FirstOrDefault()}/");
        output.WriteLine($"replaying {source.Description} as {options.Patients} patients at {options.RateBeatsPerSecond:F0} beats/s for {options.Duration.TotalSeconds:F0} s");
        var reader = stack.ReadScores();
        var replayer = stack.CreateReplayer(Guid.NewGuid().ToString("N")[..8]);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        sending.CancelAfter(options.Duration);
        var clock = Stopwatch.StartNew();
        var schedule = new BeatSchedule(source, options.Patients, options.Seed);
        var replay = Task.Factory.StartNew(() => replayer.Run(schedule, ReplayPace.PerSecond(options.RateBeatsPerSecond), null, sending.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var tally = new DemoTally();
        var live = new DemoLiveLine(output);
        var lastDecision = TimeSpan.Zero;
        var drainStarted = (TimeSpan?)null;
        while (!(replay.IsCompleted && tally.Scored + tally.Repeats >= replayer.Counters.Sent) && !(clock.Elapsed - drainStarted > DrainTimeout))
        {
            if (replay.IsCompleted) drainStarted ??= clock.Elapsed;
            if (reader.Read(TimeSpan.FromMilliseconds(50)) is { } decision) { tally.Add(decision); lastDecision = clock.Elapsed; }
            live.TickIfDue(clock.Elapsed, replayer.Counters.Sent, tally);
        }
        await replay;
        live.Finish(clock.Elapsed, replayer.Counters.Sent, tally);
        // Decisions repeated by a redelivery would come right after; a short look catches them for the summary.
        while (reader.Read(TimeSpan.FromMilliseconds(200)) is { } late) tally.Add(late);
        return DemoSummary.From(replayer.Counters.Sent, tally, lastDecision, modelVersion, classifierVersion);
    }

    // The engine's first batches run unoptimised code (tiered JIT) and would put a few hundred milliseconds into the
    // summary's p99 that no steady stream sees; score some batches before the first beat is sent, while nothing else
    // uses the engine.
    private static void WarmUp(ScoringModel model, int seed)
    {
        const int Batches = 20, BatchSize = 64;
        var generator = new SyntheticBeatGenerator(seed);
        var beats = Enumerable.Range(0, BatchSize).SelectMany(_ => generator.Generate(BeatClass.Normal)).ToArray();
        var errors = new float[BatchSize];
        var probabilities = new float[BatchSize * BeatClassNames.Count];
        for (int i = 0; i < Batches; i++)
        {
            model.Engine.Score(beats, BatchSize, model.Metadata.ErrorMetric, errors);
            model.Classifier?.Classifier.Classify(beats, BatchSize, probabilities);
        }
    }

    // Beats sent before the detector holds its partitions would wait for the group to form, and that wait would be
    // counted as their latency: start sending once the detector is ready.
    private static async Task WaitUntilReadyAsync(DetectorReadiness readiness, CancellationToken cancellation)
    {
        var deadline = Stopwatch.StartNew();
        while (!readiness.IsReady && deadline.Elapsed < ReadyTimeout && !cancellation.IsCancellationRequested)
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        if (!readiness.IsReady && !cancellation.IsCancellationRequested)
            throw new CommandLineException($"the detector was not ready within {ReadyTimeout.TotalSeconds:F0} s (no partitions assigned)");
    }
}
