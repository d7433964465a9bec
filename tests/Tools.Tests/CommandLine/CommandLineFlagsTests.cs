using EcgStream.Tools.CommandLine;

namespace EcgStream.Tools.Tests.CommandLine;

public sealed class CommandLineFlagsTests
{
    [Fact]
    public void Parse_RejectsAnUnknownFlag_NamingTheKnownOnes()
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLineFlags.Parse(["--sconds", "4"], "--seconds", "--rate"));

        Assert.Equal("unknown option '--sconds' (known: --seconds, --rate)", error.Message);
    }

    [Fact]
    public void Parse_RejectsAFlagWithoutAValue()
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLineFlags.Parse(["--seconds"], "--seconds"));

        Assert.Equal("option '--seconds' needs a value", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("601")]
    [InlineData("ten")]
    public void GetInt_RejectsAValueOutsideItsRange(string value)
    {
        var flags = CommandLineFlags.Parse(["--seconds", value], "--seconds");

        var error = Assert.Throws<CommandLineException>(() => flags.GetInt("--seconds", 10, min: 1, max: 600));

        Assert.Equal($"--seconds must be an integer from 1 to 600, not '{value}'", error.Message);
    }

    [Fact]
    public void Getters_ReturnTheFallback_WhenTheFlagIsAbsent()
    {
        var flags = CommandLineFlags.Parse([], "--seconds", "--rate", "--device");

        Assert.Equal((10, 500.0, "auto"), (flags.GetInt("--seconds", 10, 1, 600), flags.GetDouble("--rate", 500, 1, 1e6), flags.GetString("--device", "auto")));
    }
}
