namespace EcgStream.Trainer.Tests.Support;

/// <summary>
/// Asserts that the trainer's command line failed the way it promises: one "error: …" line on standard error and an exit
/// code, never a stack trace. Shared by the error tests of every command (use with <c>using static</c>).
/// </summary>
public static class OneLineErrors
{
    /// <summary>Asserts <paramref name="run"/> ended with <paramref name="exitCode"/> and one "error: " line that contains <paramref name="expected"/>.</summary>
    public static void AssertOneLineError(TrainerRun run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        AssertOneLine(run.Error);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(expected, run.Error);
    }

    /// <summary>Asserts <paramref name="error"/> is a single line with no stack trace and no exception type name.</summary>
    public static void AssertOneLine(string error)
    {
        Assert.Single(error.TrimEnd('\n', '\r').Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
    }
}
