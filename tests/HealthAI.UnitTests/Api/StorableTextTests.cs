using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Api.Tests;

/// <summary>What a document's fields may hold: no control characters (tab and line breaks in the text) and only whole surrogate pairs.</summary>
public sealed class StorableTextTests
{
    [Theory]
    [InlineData("plain", false, true)]
    [InlineData("emoji \U0001F912 fever", false, true)]
    [InlineData("a\0b", true, false)]
    [InlineData("a\u0002b", true, false)]
    [InlineData("a\u007fb", true, false)]
    [InlineData("a\u0085b", true, false)]
    [InlineData("a\tb\nc\rd", true, true)]
    [InlineData("a\tb", false, false)]
    public void Only_storable_text_passes(string value, bool multiline, bool storable) =>
        Assert.Equal(storable, StorableText.IsStorable(value, multiline));

    // Built at run time: an attribute argument cannot carry half a surrogate pair (it is stored as UTF-8).
    [Fact]
    public void Half_a_surrogate_pair_is_not_storable()
    {
        Assert.False(StorableText.IsStorable("lone " + (char)0xD800 + " high", multiline: true));
        Assert.False(StorableText.IsStorable("lone " + (char)0xDC00 + " low", multiline: true));
        Assert.False(StorableText.IsStorable("ends high " + (char)0xD800, multiline: true));
        Assert.True(StorableText.IsStorable("pair " + (char)0xD83E + (char)0xDD12, multiline: true));
    }
}
