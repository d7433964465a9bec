namespace EcgStream.Model.Inference;

/// <summary>Where inference runs: the value of the programs' <c>--device</c> option.</summary>
public enum EngineDevice
{
    /// <summary>The GPU when the CUDA libraries and a device are present, else the CPU; the choice and its reason are logged.</summary>
    Auto,

    /// <summary>The CPU engine.</summary>
    Cpu,

    /// <summary>The CUDA engine; fails with a clear message when CUDA is not available.</summary>
    Cuda,
}
