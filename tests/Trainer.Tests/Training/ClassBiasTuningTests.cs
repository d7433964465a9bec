using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

public sealed class ClassBiasTuningTests
{
    /// <summary>
    /// Held-out beats of three classes where the network over-calls class 2: every class-1 beat gets p = (0.1, 0.4, 0.5),
    /// so it is called class 2, while class-2 beats get (0.1, 0.1, 0.8) and class-0 beats (0.8, 0.1, 0.1).
    /// </summary>
    private static (float[] Probabilities, int[] Labels) OverCalledClass()
    {
        var probabilities = new List<float>();
        var labels = new List<int>();
        void Add(int label, int count, float p0, float p1, float p2)
        {
            for (int i = 0; i < count; i++)
            {
                probabilities.AddRange([p0, p1, p2]);
                labels.Add(label);
            }
        }
        Add(0, 10, 0.8f, 0.1f, 0.1f);
        Add(1, 10, 0.1f, 0.4f, 0.5f);
        Add(2, 10, 0.1f, 0.1f, 0.8f);
        return ([.. probabilities], [.. labels]);
    }

    private static double MacroF1With(float[] probabilities, int[] labels, IReadOnlyList<double> offsets)
    {
        int classes = offsets.Count;
        var predicted = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            var shifted = Enumerable.Range(0, classes).Select(c => Math.Log(probabilities[i * classes + c]) + offsets[c]).ToList();
            predicted[i] = shifted.IndexOf(shifted.Max());
        }
        return MulticlassConfusionMatrix.Of(labels, predicted, classes).MacroF1;
    }

    [Fact]
    public void Tune_MovesTheBoundary_WhereHeldOutBeatsShowAClassIsOverCalled()
    {
        var (probabilities, labels) = OverCalledClass();

        var bias = ClassBiasTuning.Tune(probabilities, labels, 3);

        Assert.Equal(1.0, bias.HeldOutMacroF1After, 12);
        Assert.True(bias.HeldOutMacroF1Before < 0.7, $"before {bias.HeldOutMacroF1Before}");
        // Class 1 must overtake class 2 on its own beats (log 0.5 − log 0.4 ≈ 0.22) but not on class 2's (log 0.8 − log 0.1 ≈ 2.08).
        double margin = bias.Offsets[1] - bias.Offsets[2];
        Assert.InRange(margin, 0.23, 2.07);
        Assert.Equal(bias.HeldOutMacroF1After, MacroF1With(probabilities, labels, bias.Offsets), 12);
    }

    [Fact]
    public void Tune_KeepsClassZeroAsTheReference()
    {
        var (probabilities, labels) = OverCalledClass();

        Assert.Equal(0.0, ClassBiasTuning.Tune(probabilities, labels, 3).Offsets[0]);
    }

    [Fact]
    public void Tune_LeavesEveryOffsetAtZero_WhenThePredictionsAreAlreadyRight()
    {
        float[] probabilities = [0.7f, 0.2f, 0.1f, 0.2f, 0.7f, 0.1f, 0.1f, 0.2f, 0.7f];
        int[] labels = [0, 1, 2];

        var bias = ClassBiasTuning.Tune(probabilities, labels, 3);

        Assert.Equal([0.0, 0.0, 0.0], bias.Offsets);
        Assert.Equal(1.0, bias.HeldOutMacroF1Before, 12);
        Assert.Equal(1.0, bias.HeldOutMacroF1After, 12);
    }

    [Fact]
    public void Tune_NeverLowersTheHeldOutMacroF1_AndStaysOnTheGrid()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int beats = 60, classes = 5;
            var probabilities = new float[beats * classes];
            var labels = new int[beats];
            for (int i = 0; i < beats; i++)
            {
                labels[i] = random.Next(classes);
                float sum = 0;
                for (int c = 0; c < classes; c++) sum += probabilities[i * classes + c] = (float)random.NextDouble() + (c == labels[i] ? 0.5f : 0f);
                for (int c = 0; c < classes; c++) probabilities[i * classes + c] /= sum;
            }

            var bias = ClassBiasTuning.Tune(probabilities, labels, classes);

            Assert.True(bias.HeldOutMacroF1After >= bias.HeldOutMacroF1Before, $"trial {trial}: {bias.HeldOutMacroF1Before} → {bias.HeldOutMacroF1After}");
            Assert.All(bias.Offsets, o =>
            {
                Assert.InRange(o, -ClassBiasTuning.Limit, ClassBiasTuning.Limit);
                Assert.Equal(0.0, Math.IEEERemainder(o, ClassBiasTuning.Step), 12);
            });
            Assert.Equal(bias.HeldOutMacroF1After, MacroF1With(probabilities, labels, bias.Offsets), 12);
        }
    }

    [Fact]
    public void Tune_LeavesAClassWithoutHeldOutBeatsAtZero()
    {
        // Class 2 has no held-out beat; the two class-1 beats predicted as class 0 (beyond any offset of class 1) could be moved to class 2, which would raise
        // class 0's precision without a single right answer more. That offset must stay 0.
        float[] probabilities = [0.8f, 0.1f, 0.1f, 0.5f, 0.0001f, 0.4999f, 0.5f, 0.0001f, 0.4999f, 0.1f, 0.8f, 0.1f];
        int[] labels = [0, 1, 1, 1];

        var bias = ClassBiasTuning.Tune(probabilities, labels, 3);

        Assert.Equal(0.0, bias.Offsets[2]);
    }

    [Fact]
    public void Tune_IsDeterministic()
    {
        var (probabilities, labels) = OverCalledClass();

        Assert.Equal(ClassBiasTuning.Tune(probabilities, labels, 3).Offsets, ClassBiasTuning.Tune(probabilities, labels, 3).Offsets);
    }

    [Fact]
    public void Tune_RefusesProbabilitiesThatDoNotMatchTheLabels()
    {
        Assert.Throws<ArgumentException>(() => ClassBiasTuning.Tune(new float[5], [0, 1], 3));
        Assert.Throws<ArgumentException>(() => ClassBiasTuning.Tune([], [], 3));
    }
}
