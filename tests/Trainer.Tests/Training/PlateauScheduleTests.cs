using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

public sealed class PlateauScheduleTests
{
    [Theory]
    [InlineData(0, 1e-3)]
    [InlineData(1, 1e-3)]
    [InlineData(2, 1e-3)]
    [InlineData(3, 5e-4)]
    [InlineData(4, 1e-3)]
    [InlineData(6, 5e-4)]
    public void Next_CutsTheRate_AfterEveryPatienceEpochsWithoutABest(int epochsSinceBest, double expected)
    {
        var schedule = new PlateauSchedule(Patience: 3, Factor: 0.5);

        Assert.Equal(expected, schedule.Next(1e-3, epochsSinceBest), 15);
    }

    [Fact]
    public void Off_NeverChangesTheRate()
    {
        Assert.All(Enumerable.Range(0, 20), n => Assert.Equal(1e-3, PlateauSchedule.Off.Next(1e-3, n)));
    }
}
