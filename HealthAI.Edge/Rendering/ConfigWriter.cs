using System.Text;

namespace HealthAI.Edge.Rendering;

/// <summary>Indented line writer; always '\n' so output is byte-identical on every platform.</summary>
internal sealed class ConfigWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public ConfigWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public ConfigWriter Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>An nginx block: <c>header {</c>, the body indented, <c>}</c>.</summary>
    public ConfigWriter Block(string header, Action<ConfigWriter> body)
    {
        Line(header + " {");
        _depth++;
        body(this);
        _depth--;
        return Line("}");
    }

    /// <summary>A HAProxy section: the header flush left, its body indented.</summary>
    public ConfigWriter Section(string header, Action<ConfigWriter> body)
    {
        Line(header);
        _depth++;
        body(this);
        _depth--;
        return Line();
    }

    public override string ToString() => _text.ToString();
}
