using HealthAI.Api.Search;

namespace HealthAI.Api.Tests;

/// <summary>An engine's marked snippet becomes HTML with the text escaped and only the matches as elements.</summary>
public sealed class SnippetMarkupTests
{
    private const char S = SnippetMarkup.MatchStart;
    private const char E = SnippetMarkup.MatchEnd;

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;")]
    [InlineData("salt & pepper", "salt &amp; pepper")]
    [InlineData("\"double\" 'single'", "&quot;double&quot; &#39;single&#39;")]
    [InlineData("&lt; already an entity", "&amp;lt; already an entity")]
    [InlineData("<mark>not a match</mark>", "&lt;mark&gt;not a match&lt;/mark&gt;")]
    public void Text_is_escaped(string text, string html) => Assert.Equal(html, SnippetMarkup.ToHtml(text));

    [Fact]
    public void Marked_matches_become_mark_elements_and_markup_around_them_stays_text() =>
        Assert.Equal("&lt;b&gt;<mark>fever</mark>&lt;/b&gt; &amp; <mark>chills</mark>", SnippetMarkup.ToHtml($"<b>{S}fever{E}</b> & {S}chills{E}"));

    [Theory]
    [InlineData("a\u0003b", "ab")]
    [InlineData("\u0002a\u0002b", "<mark>ab</mark>")]
    [InlineData("\u0002open", "<mark>open</mark>")]
    public void Unbalanced_markers_never_leave_an_element_open(string marked, string html) => Assert.Equal(html, SnippetMarkup.ToHtml(marked));

    [Fact]
    public void An_opening_snippet_is_escaped_too() =>
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; fever", SearchHit.Opening("<script>alert(1)</script> fever"));
}
