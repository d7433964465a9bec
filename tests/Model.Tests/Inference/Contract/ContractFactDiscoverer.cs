using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>Discovers a <see cref="ContractFactAttribute"/> fact as an ordinary fact, or as a skipped one when its class's
/// <see cref="ContractConditionAttribute"/> gives a reason.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        string? skip = testMethod.TestClass.Class.ToRuntimeType().GetCustomAttribute<ContractConditionAttribute>()?.Skip;
        if (skip is null) return _facts.Discover(discoveryOptions, testMethod, factAttribute);
        return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}
