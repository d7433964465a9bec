using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Shapes;

public class AutoencoderShapeTests
{
    [Fact]
    public void MultiplyAddsPerBeat_IsTheHandCount_ForTheEcg5000Model()
    {
        // Per step: 4·128·(1 + 128) + 4·64·(128 + 64) + 4·64·64 + 4·128·(64 + 128) + 1·128 = 230,016;
        // × 140 steps, plus decoder 1's input projection 4·64·64 once.
        const long Expected = 140L * 230_016 + 16_384;

        long multiplyAdds = AutoencoderShape.Ecg5000.MultiplyAddsPerBeat;

        Assert.Equal(Expected, multiplyAdds);
    }

    [Theory]
    [InlineData(140, 1, 64, 128)]
    [InlineData(7, 3, 5, 9)]
    [InlineData(1, 1, 1, 1)]
    public void MultiplyAddsPerBeat_IsEveryWeightOncePerStep_ExceptDecoder1InputOncePerBeat(int steps, int features, int embedding, int hidden)
    {
        var shape = new AutoencoderShape(steps, features, embedding, hidden);
        var parameters = new AutoencoderParameters(shape);
        long weightsPerStep = parameters.Encoder1.WeightIh.Length + parameters.Encoder1.WeightHh.Length
            + parameters.Encoder2.WeightIh.Length + parameters.Encoder2.WeightHh.Length
            + parameters.Decoder1.WeightHh.Length
            + parameters.Decoder2.WeightIh.Length + parameters.Decoder2.WeightHh.Length
            + parameters.Output.Weight.Length;

        long multiplyAdds = shape.MultiplyAddsPerBeat;

        Assert.Equal(steps * weightsPerStep + parameters.Decoder1.WeightIh.Length, multiplyAdds);
    }
}
