using Xunit.Sdk;

namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>A fact of a contract suite: it runs in every derived class, skipped where that class's <see cref="ContractConditionAttribute"/> says so.</summary>
[XunitTestCaseDiscoverer("EcgStream.Model.Tests.Inference.Contract.ContractFactDiscoverer", "EcgStream.Model.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
