using EcgStream.Model.Inference;
using Xunit.Abstractions;

namespace EcgStream.Model.Tests.Parity;

/// <summary>The CPU inference engine on the PyTorch fixtures: reconstructions and every per-beat error metric.</summary>
public sealed class CpuInferenceEngineParityTests(ITestOutputHelper output)
{
    /// <summary>The engine's parity budget: float32 rounding over four layers and T steps (‖diff‖ / ‖ref‖).</summary>
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(ParityFixture.All), MemberType = typeof(ParityFixture))]
    public void CpuInferenceEngine_Reconstruction_MatchesPyTorchFixture(string name)
    {
        var fixture = ParityFixture.Load(name);
        using var engine = new CpuInferenceEngine(fixture.Parameters(), threads: 2);
        var errors = new float[fixture.Batch];
        var reconstruction = new float[fixture.Batch * fixture.Shape.BeatLength];

        engine.Score(fixture.Tensor("input"), fixture.Batch, ErrorMetric.L1Sum, errors, reconstruction);

        double error = ParityFixture.RelativeError(reconstruction, fixture.Tensor("reconstruction"));
        output.WriteLine($"{name}: reconstruction relative error {error:E2}");
        Assert.InRange(error, 0, Tolerance);
    }

    public static TheoryData<string, ErrorMetric> FixturesAndMetrics()
    {
        var data = new TheoryData<string, ErrorMetric>();
        foreach (string name in new[] { "small", "medium", "ecg5000" })
        {
            foreach (var metric in Enum.GetValues<ErrorMetric>()) data.Add(name, metric);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FixturesAndMetrics))]
    public void CpuInferenceEngine_Errors_MatchPyTorchFixture(string name, ErrorMetric metric)
    {
        var fixture = ParityFixture.Load(name);
        using var engine = new CpuInferenceEngine(fixture.Parameters(), threads: 2);
        var errors = new float[fixture.Batch];

        engine.Score(fixture.Tensor("input"), fixture.Batch, metric, errors);

        double error = ParityFixture.RelativeError(errors, fixture.Tensor("error." + metric));
        output.WriteLine($"{name} {metric}: error relative error {error:E2}");
        Assert.InRange(error, 0, Tolerance);
    }
}
