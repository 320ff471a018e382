using Xunit.Sdk;
using Xunit.v3;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Runs the app collection's classes in xunit's usual order, with two exceptions: the start-up drill first,
/// since its load runs from the system's start until it is read, and the failure harness last, since it
/// kills, freezes and stops replicas of the shared system.
/// </summary>
public sealed class StartFirstHarnessLast : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : notnull, ITestClass =>
        [.. DefaultTestClassOrderer.Instance.OrderTestClasses(testClasses).OrderBy(Rank)];

    private static int Rank<TTestClass>(TTestClass? testClass) => (testClass as IXunitTestClass)?.Class switch
    {
        { } type when type == typeof(StartupDrillTests) => 0,
        { } type when type == typeof(ChaosHarnessTests) => 2,
        _ => 1,
    };
}
