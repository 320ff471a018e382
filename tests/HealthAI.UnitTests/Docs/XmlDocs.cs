using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HealthAI.UnitTests.Docs;

/// <summary>The <c>summary</c> of a member, from the XML documentation file beside its assembly, as one line of Markdown.</summary>
internal static partial class XmlDocs
{
    private static readonly Dictionary<Assembly, Dictionary<string, string>> Files = [];

    public static string Summary(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var type = property.DeclaringType!;
        return Members(type.Assembly).GetValueOrDefault($"P:{type.FullName!.Replace('+', '.')}.{property.Name}", "");
    }

    public static string Summary(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Members(type.Assembly).GetValueOrDefault($"T:{type.FullName!.Replace('+', '.')}", "");
    }

    private static Dictionary<string, string> Members(Assembly assembly)
    {
        lock (Files)
        {
            if (Files.TryGetValue(assembly, out var members))
            {
                return members;
            }

            members = new(StringComparer.Ordinal);
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (File.Exists(path))
            {
                foreach (var member in XDocument.Load(path).Descendants("member"))
                {
                    if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                    {
                        members[name] = Markdown(summary);
                    }
                }
            }

            Files[assembly] = members;
            return members;
        }
    }

    private static string Markdown(XElement summary)
    {
        var text = string.Concat(summary.Nodes().Select(Render));
        return Whitespace().Replace(text, " ").Trim().Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static string Render(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
        XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
        XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } cref => $"`{ShortName(cref.Value)}`",
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")?.Value}`",
        XElement element => string.Concat(element.Nodes().Select(Render)),
        _ => "",
    };

    private static string ShortName(string cref)
    {
        var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var arguments = name.IndexOf('(', StringComparison.Ordinal);
        if (arguments >= 0)
        {
            name = name[..arguments];
        }

        var parts = name.Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
