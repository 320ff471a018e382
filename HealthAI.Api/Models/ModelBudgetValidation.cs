namespace HealthAI.Api.Models;

/// <summary>The checks every <see cref="IModelBudget"/> must pass, chat model and embedding endpoint alike.</summary>
internal static class ModelBudgetValidation
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Adds one failure per bad budget setting, each naming its key under <paramref name="section"/>.</summary>
    public static void Validate(IModelBudget budget, string section, List<string> failures)
    {
        if (budget.Timeout <= TimeSpan.Zero || budget.Timeout > MaxTimeout)
        {
            failures.Add($"{section}:{nameof(budget.Timeout)} must be above 00:00:00 and at most {MaxTimeout}; got {budget.Timeout}.");
        }

        if (budget.AttemptTimeout <= TimeSpan.Zero || budget.AttemptTimeout > budget.Timeout)
        {
            failures.Add($"{section}:{nameof(budget.AttemptTimeout)} must be above 00:00:00 and at most {section}:{nameof(budget.Timeout)}; got {budget.AttemptTimeout}.");
        }

        if (budget.MaxRetries is < 0 or > 5)
        {
            failures.Add($"{section}:{nameof(budget.MaxRetries)} must be between 0 and 5; got {budget.MaxRetries}.");
        }

        if (budget.BreakDuration < TimeSpan.FromMilliseconds(500) || budget.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(budget.BreakDuration)} must be between 00:00:00.5 and 01:00:00; got {budget.BreakDuration}.");
        }
    }
}
