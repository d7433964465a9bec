using EcgStream.Detector.Producing;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Producing;

public sealed class DrainDeadlineTests
{
    private static DrainDeadline Deadline(TimeSpan timeout) =>
        new(Options.Create(new DeliveryOptions { DrainTimeout = timeout }), TimeProvider.System);

    [Fact]
    public void DrainDeadline_NeverPasses_BeforeTheStopSignal()
    {
        var deadline = Deadline(TimeSpan.FromMilliseconds(1));
        Thread.Sleep(20);

        Assert.Equal(TimeSpan.MaxValue, deadline.Remaining);
        Assert.False(deadline.HasPassed);
    }

    [Fact]
    public void DrainDeadline_CountsDownFromTheStopSignal()
    {
        var deadline = Deadline(TimeSpan.FromHours(1));
        deadline.Start();

        Assert.InRange(deadline.Remaining, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.False(deadline.HasPassed);
    }

    [Fact]
    public void DrainDeadline_Passes_OnceItsTimeoutHasElapsedSinceTheFirstStopSignal()
    {
        var deadline = Deadline(TimeSpan.FromMilliseconds(20));
        deadline.Start();
        Thread.Sleep(40);
        deadline.Start();   // a second signal does not restart the clock

        Assert.True(deadline.HasPassed);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
    }

    [Fact]
    public void DrainDeadline_RemembersThatAStageRanOut()
    {
        var deadline = Deadline(TimeSpan.FromSeconds(1));
        Assert.False(deadline.RanOut);

        deadline.MarkRanOut();

        Assert.True(deadline.RanOut);
    }

    [Fact]
    public void DrainDeadline_IsComplete_OnlyOnceThePipelineFinished_WithNothingGivenUp()
    {
        var finished = Deadline(TimeSpan.FromSeconds(1));
        var gaveUp = Deadline(TimeSpan.FromSeconds(1));
        Assert.False(finished.IsComplete);

        finished.MarkFinished();
        gaveUp.MarkRanOut();
        gaveUp.MarkFinished();

        Assert.True(finished.IsComplete);
        Assert.False(gaveUp.IsComplete);
    }

    [Fact]
    public void DrainDeadline_Bound_KeepsAWait_BeforeTheStopSignal_AndCutsItToTheTimeLeft_NotBelowTheMinimum()
    {
        var deadline = Deadline(TimeSpan.FromMilliseconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), deadline.Bound(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)));

        deadline.Start();
        Assert.InRange(deadline.Bound(TimeSpan.FromSeconds(10), TimeSpan.Zero), TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
        Thread.Sleep(40);

        Assert.Equal(TimeSpan.Zero, deadline.Bound(TimeSpan.FromSeconds(1), TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.Bound(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)));
    }
}
