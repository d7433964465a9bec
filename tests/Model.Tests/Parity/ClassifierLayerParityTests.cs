using EcgStream.Model.Kernels;
using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;
using Xunit.Abstractions;

namespace EcgStream.Model.Tests.Parity;

/// <summary>Each classifier layer's forward and backward pass against PyTorch 1.13 on recorded cases (classifier_layers.safetensors).</summary>
public sealed class ClassifierLayerParityTests(ITestOutputHelper output)
{
    /// <summary>Outputs and losses (‖diff‖ / ‖ref‖).</summary>
    private const double OutputTolerance = 1e-5;

    /// <summary>Gradients: sums in another order than PyTorch's.</summary>
    private const double GradientTolerance = 1e-4;

    private static readonly ClassifierParityFixture Fixture = ClassifierParityFixture.Layers();

    /// <summary>Every kernel width: the layers that multiply matrices run at each.</summary>
    public static TheoryData<KernelWidth> Widths => KernelWidths.All;

    /// <summary>Both convolution cases at every kernel width.</summary>
    public static TheoryData<string, KernelWidth> Convolutions => KernelWidths.AtEveryWidth(new TheoryData<string> { "conv_a", "conv_b" });

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv1dLayer_Forward_MatchesPyTorchFixture(string name, KernelWidth width)
    {
        var (layer, _, batch) = Conv(name, width);

        layer.Forward(Fixture.Tensor(name + ".input"), batch);

        var expected = Fixture.Tensor(name + ".output");
        ClassifierParityFixture.AssertClose(name + ".output", expected, layer.Output.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv1dLayer_Backward_MatchesPyTorchFixture(string name, KernelWidth width)
    {
        var (layer, parameters, batch) = Conv(name, width);
        var gradients = new Conv1dParameters(parameters.InputChannels, parameters.OutputChannels, parameters.KernelSize);
        layer.Forward(Fixture.Tensor(name + ".input"), batch);

        layer.Backward(Fixture.Tensor(name + ".upstream"), gradients, computeInputGradient: true);

        var dx = Fixture.Tensor(name + ".grad.input");
        ClassifierParityFixture.AssertClose(name + ".grad.input", dx, layer.InputGradient.AsSpan(0, dx.Length), GradientTolerance, output);
        ClassifierParityFixture.AssertClose(name + ".grad.weight", Fixture.Tensor(name + ".grad.weight"), gradients.Weight, GradientTolerance, output);
        ClassifierParityFixture.AssertClose(name + ".grad.bias", Fixture.Tensor(name + ".grad.bias"), gradients.Bias, GradientTolerance, output);
    }

    [Fact]
    public void ReluMaxPool_Forward_MatchesPyTorchFixture()
    {
        var (pool, input, batch) = ReluPool();

        ReluLayer.Forward(input);
        pool.Forward(input, batch);

        var expected = Fixture.Tensor("relu_pool.output");
        ClassifierParityFixture.AssertClose("relu_pool.output", expected, pool.Output.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Fact]
    public void ReluMaxPool_Backward_MatchesPyTorchFixture()
    {
        var (pool, input, batch) = ReluPool();
        ReluLayer.Forward(input);
        pool.Forward(input, batch);

        pool.Backward(Fixture.Tensor("relu_pool.upstream"));
        var dx = pool.InputGradient.AsSpan(0, input.Length);
        ReluLayer.Backward(input, dx);

        ClassifierParityFixture.AssertClose("relu_pool.grad.input", Fixture.Tensor("relu_pool.grad.input"), dx, GradientTolerance, output);
    }

    [Fact]
    public void GlobalAveragePoolLayer_Forward_MatchesPyTorchFixture()
    {
        var (layer, batch) = Average();

        layer.Forward(Fixture.Tensor("average.input"), batch);

        var expected = Fixture.Tensor("average.output");
        ClassifierParityFixture.AssertClose("average.output", expected, layer.Output.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Fact]
    public void GlobalAveragePoolLayer_Backward_MatchesPyTorchFixture()
    {
        var (layer, batch) = Average();
        layer.Forward(Fixture.Tensor("average.input"), batch);

        layer.Backward(Fixture.Tensor("average.upstream"));

        var expected = Fixture.Tensor("average.grad.input");
        ClassifierParityFixture.AssertClose("average.grad.input", expected, layer.InputGradient.AsSpan(0, expected.Length), GradientTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LinearLayer_Forward_MatchesPyTorchFixture(KernelWidth width)
    {
        var (layer, _, rows) = Linear(width);

        layer.Forward(Fixture.Tensor("linear.input"), rows);

        var expected = Fixture.Tensor("linear.output");
        ClassifierParityFixture.AssertClose("linear.output", expected, layer.Output.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LinearLayer_Backward_MatchesPyTorchFixture(KernelWidth width)
    {
        var (layer, parameters, rows) = Linear(width);
        var gradients = new LinearParameters(parameters.InputSize, parameters.OutputSize);
        layer.Forward(Fixture.Tensor("linear.input"), rows);

        layer.Backward(Fixture.Tensor("linear.upstream"), gradients);

        var dx = Fixture.Tensor("linear.grad.input");
        ClassifierParityFixture.AssertClose("linear.grad.input", dx, layer.InputGradient.AsSpan(0, dx.Length), GradientTolerance, output);
        ClassifierParityFixture.AssertClose("linear.grad.weight", Fixture.Tensor("linear.grad.weight"), gradients.Weight, GradientTolerance, output);
        ClassifierParityFixture.AssertClose("linear.grad.bias", Fixture.Tensor("linear.grad.bias"), gradients.Bias, GradientTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LstmLastStepLayer_Forward_MatchesPyTorchFixture(KernelWidth width)
    {
        var (layer, _, batch) = LstmLast(width);

        layer.Forward(Fixture.Tensor("lstm_last.input"), batch, refreshWeights: true);

        var expected = Fixture.Tensor("lstm_last.output");
        ClassifierParityFixture.AssertClose("lstm_last.output", expected, layer.Output.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LstmLastStepLayer_Backward_MatchesPyTorchFixture(KernelWidth width)
    {
        var (layer, parameters, batch) = LstmLast(width);
        var gradients = new LstmParameters(parameters.InputSize, parameters.HiddenSize);
        layer.Forward(Fixture.Tensor("lstm_last.input"), batch, refreshWeights: true);

        layer.Backward(Fixture.Tensor("lstm_last.upstream"), gradients, computeInputGradient: true);

        var dx = Fixture.Tensor("lstm_last.grad.input");
        ClassifierParityFixture.AssertClose("lstm_last.grad.input", dx, layer.Sequence.InputGradient.AsSpan(0, dx.Length), GradientTolerance, output);
        ClassifierParityFixture.AssertClose("grad.weight_ih_l0", Fixture.Tensor("lstm_last.grad.weight_ih_l0"), gradients.WeightIh, GradientTolerance, output);
        ClassifierParityFixture.AssertClose("grad.weight_hh_l0", Fixture.Tensor("lstm_last.grad.weight_hh_l0"), gradients.WeightHh, GradientTolerance, output);
        ClassifierParityFixture.AssertClose("grad.bias_ih_l0", Fixture.Tensor("lstm_last.grad.bias_ih_l0"), gradients.BiasIh, GradientTolerance, output);
        ClassifierParityFixture.AssertClose("grad.bias_hh_l0", Fixture.Tensor("lstm_last.grad.bias_hh_l0"), gradients.BiasHh, GradientTolerance, output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SoftmaxCrossEntropy_Loss_MatchesPyTorchFixture(bool weighted)
    {
        var (loss, logits, labels, weights) = CrossEntropy(weighted);

        loss.Forward(logits, labels.Length);
        double value = loss.LossSum(logits, labels, weights) / WeightSum(labels, weights);

        string name = weighted ? "loss.loss.weighted" : "loss.loss.plain";
        ClassifierParityFixture.AssertClose(name, Fixture.Tensor(name), [(float)value], OutputTolerance, output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SoftmaxCrossEntropy_Backward_MatchesPyTorchFixture(bool weighted)
    {
        var (loss, logits, labels, weights) = CrossEntropy(weighted);
        loss.Forward(logits, labels.Length);

        loss.Backward(labels, weights, (float)(1.0 / WeightSum(labels, weights)));

        string name = weighted ? "loss.grad.weighted" : "loss.grad.plain";
        var expected = Fixture.Tensor(name);
        ClassifierParityFixture.AssertClose(name, expected, loss.LogitGradient.AsSpan(0, expected.Length), GradientTolerance, output);
    }

    private static (Conv1dLayer Layer, Conv1dParameters Parameters, int Batch) Conv(string name, KernelWidth width)
    {
        long[] weight = Fixture.Shape(name + ".weight");
        long[] input = Fixture.Shape(name + ".input");
        var parameters = new Conv1dParameters((int)weight[1], (int)weight[0], (int)weight[2]);
        Fixture.Tensor(name + ".weight").CopyTo(parameters.Weight, 0);
        Fixture.Tensor(name + ".bias").CopyTo(parameters.Bias, 0);
        int batch = (int)input[0];
        return (new Conv1dLayer(parameters, (int)input[1], parameters.KernelSize / 2, batch, width), parameters, batch);
    }

    private static (MaxPool1dLayer Pool, float[] Input, int Batch) ReluPool()
    {
        long[] shape = Fixture.Shape("relu_pool.input");
        return (new MaxPool1dLayer((int)shape[1], (int)shape[2], (int)shape[0]), Fixture.Tensor("relu_pool.input"), (int)shape[0]);
    }

    private static (GlobalAveragePoolLayer Layer, int Batch) Average()
    {
        long[] shape = Fixture.Shape("average.input");
        return (new GlobalAveragePoolLayer((int)shape[1], (int)shape[2], (int)shape[0]), (int)shape[0]);
    }

    private static (LinearLayer Layer, LinearParameters Parameters, int Rows) Linear(KernelWidth width)
    {
        long[] weight = Fixture.Shape("linear.weight");
        var parameters = new LinearParameters((int)weight[1], (int)weight[0]);
        Fixture.Tensor("linear.weight").CopyTo(parameters.Weight, 0);
        Fixture.Tensor("linear.bias").CopyTo(parameters.Bias, 0);
        int rows = (int)Fixture.Shape("linear.input")[0];
        return (new LinearLayer(parameters, rows, width), parameters, rows);
    }

    private static (LstmLastStepLayer Layer, LstmParameters Parameters, int Batch) LstmLast(KernelWidth width)
    {
        long[] input = Fixture.Shape("lstm_last.input");
        var parameters = new LstmParameters((int)input[2], (int)Fixture.Shape("lstm_last.weight_hh_l0")[1]);
        Fixture.Tensor("lstm_last.weight_ih_l0").CopyTo(parameters.WeightIh, 0);
        Fixture.Tensor("lstm_last.weight_hh_l0").CopyTo(parameters.WeightHh, 0);
        Fixture.Tensor("lstm_last.bias_ih_l0").CopyTo(parameters.BiasIh, 0);
        Fixture.Tensor("lstm_last.bias_hh_l0").CopyTo(parameters.BiasHh, 0);
        return (new LstmLastStepLayer(parameters, (int)input[0], (int)input[1], width), parameters, (int)input[1]);
    }

    private static (SoftmaxCrossEntropy Loss, float[] Logits, int[] Labels, float[]? Weights) CrossEntropy(bool weighted)
    {
        var labels = Fixture.Labels("loss.labels");
        var logits = Fixture.Tensor("loss.logits");
        return (new SoftmaxCrossEntropy(logits.Length / labels.Length, labels.Length), logits, labels, weighted ? Fixture.Tensor("loss.class_weights") : null);
    }

    private static double WeightSum(int[] labels, float[]? weights) => labels.Sum(y => weights is null ? 1.0 : weights[y]);
}
