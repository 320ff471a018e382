using Xunit.Sdk;
using Xunit.v3;

namespace HealthAI.Compose.Tests;

/// <summary>
/// Runs a class's test methods in the order they are written: the compose stack is one running system
/// that the checks read first, the drills then change, and the last test takes down.
/// </summary>
public sealed class DeclarationOrder : ITestMethodOrderer
{
    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod =>
        [.. testMethods.OrderBy(method => method is IXunitTestMethod xunit
            ? xunit.Method.MetadataToken
            : throw new InvalidOperationException($"{method?.MethodName} is not an xunit test method: no declaration order."))];
}
