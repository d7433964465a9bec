namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>
/// Runs a contract suite's facts in the class it marks only where a fact of <paramref name="factAttribute"/> (e.g.
/// <c>CudaFactAttribute</c>) would run, and skips them with that attribute's reason elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ContractConditionAttribute(Type factAttribute) : Attribute
{
    /// <summary>Why the suite is skipped here, or null when it runs: the skip reason of a new <c>factAttribute</c>.</summary>
    public string? Skip => ((FactAttribute)Activator.CreateInstance(factAttribute)!).Skip;
}
