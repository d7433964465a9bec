using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EcgStream.Model;

namespace EcgStream.Benchmarks.Peak;

/// <summary>
/// What one core of this machine can do at most, and what that allows the LSTM autoencoder engine: the FP32 FMA
/// throughput (GFLOP/s) at Vector512 and Vector256 on 1 thread and on 2 threads at once, the read bandwidth from L1 and
/// from L2, the clock, and how fast FP32 and int16 weights stream through a GEMV-like loop. Then the model's FLOP per beat and the ceilings they imply: beats/s at the FMA peak, the
/// shortest batch-1 latency at that peak, and at batch 1 the time to stream the recurrent weights from L2 once per step.
/// </summary>
/// <remarks>
/// Each measurement runs for --seconds (default 3) after a short warm-up. The FMA loops keep 12 independent
/// accumulator chains: enough to hide a 4-cycle FMA latency on 2 pipes (8 chains) with room to spare, few enough (12 +
/// 2 operands) to stay in registers. The values converge to 1 (c ← 0.999999·c + 1e-6), so no denormals appear.
/// </remarks>
internal static class PeakBenchmark
{
    /// <summary>Independent accumulator chains in each FMA loop.</summary>
    private const int Chains = 12;

    /// <summary>Loop iterations per timed chunk: about 0.05 s of FMAs at 1 vector FMA per cycle and 3–4 GHz.</summary>
    private const long ChunkIterations = 16_000_000;

    /// <summary>Runs the command (`peak [--seconds S]`); returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        double seconds = 3;
        for (int i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--seconds" && i + 1 < args.Count
                && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 600) continue;
            Console.Error.WriteLine($"error: peak takes only --seconds S (0 < S ≤ 600), got '{string.Join(' ', args)}'.");
            return 2;
        }

        Console.WriteLine(Line($"peak: processors={Environment.ProcessorCount} vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} seconds={seconds}"));

        // Clock: a chain of dependent integer adds runs at one add per cycle on any x86 core. Like every single-thread
        // figure below, it is per CPU-second.
        double clockGhz = Measure(seconds, AddChainCycles) / 1e9;
        // Cross-check: one FMA chain runs at one FMA per FMA latency (4 cycles on Zen 4).
        double latencyFmaPerSecond = Measure(seconds, SingleFmaChain512);
        Console.WriteLine(Line($"clock: {clockGhz:F2} GHz (dependent integer adds per CPU-second); one Vector512 FMA chain: {latencyFmaPerSecond / 1e9:F3} G FMA per CPU-second = {clockGhz * 1e9 / latencyFmaPerSecond:F2} cycles per dependent FMA"));

        double peak512 = 0;
        foreach (var (name, kernel, lanes) in new (string, Func<long, float, float>, int)[] { ("Vector512", Fma512, 16), ("Vector256", Fma256, 8) })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var (perThread, cpuSeconds, wallSeconds) = MeasureThreads(seconds, threads, kernel);
                double flopPerIteration = 2.0 * lanes * Chains;
                double total = perThread.Sum() * flopPerIteration;
                string each = string.Join(" ", perThread.Select(iterations => (iterations * flopPerIteration / wallSeconds / 1e9).ToString("F1", CultureInfo.InvariantCulture)));
                Console.WriteLine(Line($"fma {name} threads={threads}: GFLOP/s per thread = {each}; all = {total / wallSeconds / 1e9:F1}; per CPU-second = {total / cpuSeconds / 1e9:F1}; FLOP per cycle (per CPU-second) = {total / cpuSeconds / (clockGhz * 1e9):F1}"));
                if (name == "Vector512" && threads == 1) peak512 = total / cpuSeconds;
            }
        }

        double l1BytesPerSecond = MeasureRead(seconds, 16 * 1024);
        double l2BytesPerSecond = MeasureRead(seconds, 256 * 1024);
        Console.WriteLine(Line($"read Vector512, 1 thread, per CPU-second: 16 KiB (L1) {l1BytesPerSecond / 1e9:F1} GB/s = {l1BytesPerSecond / (clockGhz * 1e9):F1} B/cycle; 256 KiB (L2) {l2BytesPerSecond / 1e9:F1} GB/s = {l2BytesPerSecond / (clockGhz * 1e9):F1} B/cycle"));

        // A reduced-precision engine would stream 16-bit weights: VPMADDWD multiplies 32 int16 pairs per instruction
        // (twice an FP32 FMA's 16) from half the bytes. 8-bit VNNI (VPDPBUSD) would be the next step, but .NET 10 exposes it
        // only as AvxVnni (VEX), which a core with AVX512-VNNI alone (Zen 4) does not report.
        Console.WriteLine(Line($"reduced precision: Avx512BW={Avx512BW.IsSupported} AvxVnni={AvxVnni.IsSupported}"));
        foreach (int bytes in new[] { 16 * 1024, 256 * 1024 })
        {
            double fp32 = MeasureStream(seconds, bytes, i => i % 7 * 1e-3f,
                (ref float w, nint length, long passes) => StreamFloat(ref w, length, passes, Vector512.Create(0.5f)));
            double? int16 = Avx512BW.IsSupported
                ? MeasureStream(seconds, bytes, i => (short)(i % 7),
                    (ref short w, nint length, long passes) => StreamInt16(ref w, length, passes, Vector512.Create((short)3)))
                : null;
            Console.WriteLine(Line($"weights streamed against one vector (GEMV), 1 thread, {bytes / 1024} KiB, G multiply-adds per CPU-second: FP32 FMA {fp32 / 1e9:F1}; int16 VPMADDWD {(int16 is { } rate ? (rate / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "n/a")}"));
        }

        var shape = AutoencoderShape.Ecg5000;
        double flopPerBeat = 2.0 * shape.MultiplyAddsPerBeat;
        // At batch 1 each step multiplies h_{t−1} by every W_hh once: 4H·H (encoder 1, decoder 2) and 4E·E (encoder 2, decoder 1)
        // floats per step, too many for L1 (one layer's W_hh is 256 KiB or 64 KiB), so they stream from L2 every step.
        long recurrentFloatsPerStep = 2 * 4L * shape.HiddenSize * shape.HiddenSize + 2 * 4L * shape.EmbeddingSize * shape.EmbeddingSize;
        double recurrentBytesPerBeat = 4.0 * shape.SequenceLength * recurrentFloatsPerStep;
        Console.WriteLine(Line($"model: ECG5000 autoencoder, {shape.MultiplyAddsPerBeat:N0} multiply-adds = {flopPerBeat / 1e6:F2} MFLOP per beat"));
        Console.WriteLine(Line($"ceiling at the 1-thread Vector512 FMA peak per CPU-second: {peak512 / flopPerBeat:F0} beats/s; batch 1 no faster than {flopPerBeat / peak512 * 1e3:F3} ms"));
        Console.WriteLine(Line($"batch 1, recurrent weights streamed from L2 once per step: {recurrentBytesPerBeat / 1e6:F1} MB per beat, {recurrentBytesPerBeat / l2BytesPerSecond * 1e3:F3} ms at the L2 read rate"));
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> (which returns how many units of work it did) on this thread for about
    /// <paramref name="seconds"/>; returns units per CPU-second of the process, which a neighbour taking the core for a
    /// while changes little (time the thread was not running is not counted).
    /// </summary>
    private static double Measure(double seconds, Func<long, double> kernel)
    {
        kernel(ChunkIterations / 16);
        double units = 0;
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds) units += kernel(ChunkIterations);
        return units / (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> on <paramref name="threads"/> threads at once, each with its own chains, for about
    /// <paramref name="seconds"/>; returns the iterations each thread did, the process's CPU time and the wall time.
    /// </summary>
    private static (long[] Iterations, double CpuSeconds, double WallSeconds) MeasureThreads(double seconds, int threads, Func<long, float, float> kernel)
    {
        var iterations = new long[threads];
        using var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                float sink = kernel(ChunkIterations / 16, index);   // warm-up: tier-1 code before the clock starts
                start.SignalAndWait();
                var watch = Stopwatch.StartNew();
                long done = 0;
                while (watch.Elapsed.TotalSeconds < seconds)
                {
                    sink += kernel(ChunkIterations, sink);
                    done += ChunkIterations;
                }
                iterations[index] = done;
                if (sink == 42) Console.Write("");   // keeps the results live
            });
            workers[t].Start();
        }
        start.SignalAndWait();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var worker in workers) worker.Join();
        double wallSeconds = wall.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        return (iterations, cpuSeconds, wallSeconds);
    }

    /// <summary>Reads a buffer of <paramref name="bytes"/> over and over with Vector512 loads; returns bytes read per second.</summary>
    private static double MeasureRead(double seconds, int bytes)
    {
        var (buffer, offset) = Aligned<float>(bytes / sizeof(float));
        buffer.AsSpan().Fill(1e-3f);
        long passes = Math.Max(1, ChunkIterations * 64 / bytes);
        float sink = 0;
        return Measure(seconds, n =>
        {
            sink += Read512(ref buffer[offset], bytes / sizeof(float), passes * n / ChunkIterations);
            return (double)passes * n / ChunkIterations * bytes + (sink == 42 ? 1 : 0);
        });
    }

    /// <summary>A GEMV-like loop over <paramref name="length"/> weights from <paramref name="start"/>, <paramref name="passes"/> times; returns a sum that keeps it live.</summary>
    private delegate double StreamKernel<T>(ref T start, nint length, long passes);

    /// <summary>
    /// Streams a weight buffer of <paramref name="bytes"/> (element i = <paramref name="valueAt"/>(i)) through
    /// <paramref name="kernel"/> over and over, as a batch-1 LSTM step does with W_hh; returns multiply-adds (one per
    /// weight) per CPU-second.
    /// </summary>
    private static double MeasureStream<T>(double seconds, int bytes, Func<int, T> valueAt, StreamKernel<T> kernel) where T : unmanaged
    {
        int count = bytes / Unsafe.SizeOf<T>();
        var (weights, offset) = Aligned<T>(count);
        for (int i = 0; i < weights.Length; i++) weights[i] = valueAt(i);
        long passesPerChunk = Math.Max(1, ChunkIterations * 64 / bytes);
        double sink = 0;
        return Measure(seconds, n =>
        {
            long passes = passesPerChunk * n / ChunkIterations;
            sink += kernel(ref weights[offset], count, passes);
            return (double)passes * count + (sink == 42 ? 1 : 0);
        });
    }

    /// <summary>FP32: one FMA per 16 weights, 8 accumulators.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float StreamFloat(ref float start, nint length, long passes, Vector512<float> h)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (long p = 0; p < passes; p++)
        {
            for (nint i = 0; i < length; i += 128)
            {
                c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)i), h, c0); c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 16)), h, c1);
                c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 32)), h, c2); c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 48)), h, c3);
                c4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 64)), h, c4); c5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 80)), h, c5);
                c6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 96)), h, c6); c7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref start, (nuint)(i + 112)), h, c7);
            }
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7);
    }

    /// <summary>int16: one VPMADDWD (32 multiply-adds into 16 int32 sums) per 32 weights, 8 accumulators.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int StreamInt16(ref short start, nint length, long passes, Vector512<short> h)
    {
        Vector512<int> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (long p = 0; p < passes; p++)
        {
            for (nint i = 0; i < length; i += 256)
            {
                c0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)i), h); c1 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 32)), h);
                c2 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 64)), h); c3 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 96)), h);
                c4 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 128)), h); c5 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 160)), h);
                c6 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 192)), h); c7 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref start, (nuint)(i + 224)), h);
            }
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7);
    }

    /// <summary>8 dependent integer adds per iteration; returns the adds done (= cycles at one add per cycle).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double AddChainCycles(long iterations)
    {
        long x = iterations, step = iterations | 1;
        for (long i = 0; i < iterations; i++)
        {
            x += step; x += step; x += step; x += step;
            x += step; x += step; x += step; x += step;
        }
        return x == 42 ? 0 : 8.0 * iterations;
    }

    /// <summary>One chain of dependent Vector512 FMAs; returns the FMAs done.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double SingleFmaChain512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-6f);
        var c = a;
        for (long i = 0; i < iterations; i++)
        {
            c = Vector512.FusedMultiplyAdd(c, m, a); c = Vector512.FusedMultiplyAdd(c, m, a);
            c = Vector512.FusedMultiplyAdd(c, m, a); c = Vector512.FusedMultiplyAdd(c, m, a);
        }
        return c.ToScalar() == 42 ? 0 : 4.0 * iterations;
    }

    /// <summary>12 independent chains of Vector512 FMAs, <paramref name="iterations"/> FMAs each; returns a sum of them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(long iterations, float seed)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-6f + seed * 1e-12f);
        Vector512<float> c0 = a, c1 = a * 2, c2 = a * 3, c3 = a * 4, c4 = a * 5, c5 = a * 6;
        Vector512<float> c6 = a * 7, c7 = a * 8, c8 = a * 9, c9 = a * 10, c10 = a * 11, c11 = a * 12;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a); c2 = Vector512.FusedMultiplyAdd(c2, m, a);
            c3 = Vector512.FusedMultiplyAdd(c3, m, a); c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a); c8 = Vector512.FusedMultiplyAdd(c8, m, a);
            c9 = Vector512.FusedMultiplyAdd(c9, m, a); c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    /// <summary>As <see cref="Fma512"/> with Vector256.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long iterations, float seed)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-6f + seed * 1e-12f);
        Vector256<float> c0 = a, c1 = a * 2, c2 = a * 3, c3 = a * 4, c4 = a * 5, c5 = a * 6;
        Vector256<float> c6 = a * 7, c7 = a * 8, c8 = a * 9, c9 = a * 10, c10 = a * 11, c11 = a * 12;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a); c2 = Vector256.FusedMultiplyAdd(c2, m, a);
            c3 = Vector256.FusedMultiplyAdd(c3, m, a); c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a); c8 = Vector256.FusedMultiplyAdd(c8, m, a);
            c9 = Vector256.FusedMultiplyAdd(c9, m, a); c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    /// <summary>
    /// A pinned array holding <paramref name="count"/> elements from <c>Offset</c> on, which lies on a 64-byte boundary:
    /// a managed array starts 16-byte aligned, so most of its Vector512 loads would span two cache lines, and on this
    /// core that cuts the L1 load rate by about a third (FP32 GEMV from 16 KiB: 34 against 52 G multiply-adds per second).
    /// </summary>
    private static (T[] Array, int Offset) Aligned<T>(int count) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        var array = GC.AllocateArray<T>(count + 64 / size, pinned: true);
        nint address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        return (array, (int)((64 - address % 64) % 64) / size);
    }

    /// <summary>Sums the <paramref name="length"/> floats from <paramref name="start"/> <paramref name="passes"/> times, 8 Vector512 loads per iteration into 8 adders.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Read512(ref float start, nint length, long passes)
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (long p = 0; p < passes; p++)
        {
            for (nint i = 0; i < length; i += 128)
            {
                s0 += Vector512.LoadUnsafe(ref start, (nuint)i); s1 += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
                s2 += Vector512.LoadUnsafe(ref start, (nuint)(i + 32)); s3 += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
                s4 += Vector512.LoadUnsafe(ref start, (nuint)(i + 64)); s5 += Vector512.LoadUnsafe(ref start, (nuint)(i + 80));
                s6 += Vector512.LoadUnsafe(ref start, (nuint)(i + 96)); s7 += Vector512.LoadUnsafe(ref start, (nuint)(i + 112));
            }
        }
        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
