using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HealthAI.UnitTests.Docs;

/// <summary>
/// What a section's validator refuses, per key: each key in turn is given values a validator is likely to refuse, and
/// every new failure that names the key says its rule ("must be between 1 and 10"). Validators are found by convention:
/// an <see cref="IValidateOptions{TOptions}"/> of the type with a parameterless constructor, or a static
/// <c>Validate(TSettings, ...)</c> returning messages.
/// </summary>
internal static partial class SettingsChecks
{
    public static Dictionary<string, List<string>> Of(Type type, string section)
    {
        var checks = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var validators = Validators(type).ToList();
        if (validators.Count == 0)
        {
            return checks;
        }

        var baseline = validators.SelectMany(v => v(New(type))).ToHashSet(StringComparer.Ordinal);
        foreach (var key in SettingsReference.Keys(section, type, New(type)))
        {
            foreach (var bad in BadValues(key.Property.PropertyType, key.Property.Name))
            {
                var instance = New(type);
                try
                {
                    Set(instance, key.Path, bad);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                foreach (var message in validators.SelectMany(v => v(instance)).Where(m => !baseline.Contains(m)))
                {
                    var must = message.IndexOf(" must ", StringComparison.Ordinal);
                    if (must < 0 || !message[..must].Contains(key.Name, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var rule = Got().Replace(message[(must + 1)..], "").TrimEnd('.', ' ').Replace("|", "\\|", StringComparison.Ordinal);
                    var rules = checks.TryGetValue(key.Name, out var list) ? list : checks[key.Name] = [];
                    if (!rules.Contains(rule))
                    {
                        rules.Add(rule);
                    }
                }
            }
        }

        return checks;
    }

    private static object New(Type type) => Activator.CreateInstance(type, nonPublic: true)!;

    private static void Set(object root, IReadOnlyList<PropertyInfo> path, object? value)
    {
        var target = root;
        foreach (var property in path.Take(path.Count - 1))
        {
            var next = property.GetValue(target);
            if (next is null)
            {
                next = New(property.PropertyType);
                property.SetValue(target, next);
            }

            target = next;
        }

        path[^1].SetValue(target, value);
    }

    private static IEnumerable<object?> BadValues(Type type, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(int))
        {
            return [-1, 0, 100_000];
        }

        if (underlying == typeof(long))
        {
            return [-1L, 0L, long.MaxValue / 2];
        }

        if (underlying == typeof(double))
        {
            return [-1d, 0d, 1_000d];
        }

        if (underlying == typeof(TimeSpan))
        {
            return [TimeSpan.FromSeconds(-1), TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(3650)];
        }

        if (underlying == typeof(bool))
        {
            return [true, false];
        }

        if (underlying.IsEnum)
        {
            return [Enum.ToObject(underlying, 999)];
        }

        if (underlying == typeof(string))
        {
            return ["", " x y ", "not a value: ftp://x", name.Contains("Url", StringComparison.Ordinal) ? "" : "a"];
        }

        if (underlying == typeof(List<string>))
        {
            return [new List<string> { "not-a-network" }, new List<string>()];
        }

        if (underlying == typeof(Dictionary<string, TimeSpan>))
        {
            return [new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { ["no_such_route"] = TimeSpan.FromSeconds(1) }, new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { ["api"] = TimeSpan.FromSeconds(-1) }];
        }

        return [];
    }

    /// <summary>Each validator of <paramref name="type"/> as a function from an instance to its failure messages.</summary>
    private static IEnumerable<Func<object, IEnumerable<string>>> Validators(Type type)
    {
        var types = SettingsReference.Assemblies.SelectMany(SafeTypes).ToList();
        var optionsValidator = typeof(IValidateOptions<>).MakeGenericType(type);
        foreach (var validator in types.Where(t => t is { IsClass: true, IsAbstract: false } && optionsValidator.IsAssignableFrom(t)))
        {
            if (validator.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is null)
            {
                continue;
            }

            var instance = New(validator);
            var validate = optionsValidator.GetMethod(nameof(IValidateOptions<object>.Validate))!;
            yield return options => Safely(() => ((ValidateOptionsResult)validate.Invoke(instance, [null, options])!).Failures ?? []);
        }

        foreach (var method in types
                     .Where(t => t.Name.EndsWith("Validator", StringComparison.Ordinal) && t is { IsAbstract: true, IsSealed: true })
                     .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                     .Where(m => m.Name == "Validate" && m.GetParameters() is [var first, ..] && first.ParameterType == type
                         && typeof(IEnumerable<string>).IsAssignableFrom(m.ReturnType)
                         && m.GetParameters().Skip(1).All(p => p.HasDefaultValue)))
        {
            var rest = method.GetParameters().Skip(1).ToList();
            // Each flag both ways: checks that only publishing makes are rules too.
            foreach (var flags in new[] { false, true })
            {
                object?[] Arguments(object settings) =>
                    [settings, .. rest.Select(p => p.ParameterType == typeof(bool) ? flags : p.DefaultValue)];
                yield return settings => Safely(() => (IEnumerable<string>)method.Invoke(null, Arguments(settings))!);
            }
        }
    }

    private static IEnumerable<string> Safely(Func<IEnumerable<string>> validate)
    {
        try
        {
            return [.. validate()];
        }
        catch (TargetInvocationException)
        {
            return [];
        }
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [GeneratedRegex(@";? got .*$", RegexOptions.Singleline)]
    private static partial Regex Got();
}
