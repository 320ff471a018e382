using Xunit.Sdk;
using Xunit.v3;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Runs the app collection's classes in xunit's usual order, but the failure harness last: it waits for
/// the compose stacks' turn (<see cref="HeavyDrillLock"/>), which can take minutes, and the collection's
/// other tests can run while the stacks do instead of after that wait.
/// </summary>
public sealed class HarnessLast : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : notnull, ITestClass =>
        [.. DefaultTestClassOrderer.Instance.OrderTestClasses(testClasses)
            .OrderBy(testClass => testClass is IXunitTestClass xunit && xunit.Class == typeof(ChaosHarnessTests))];
}
