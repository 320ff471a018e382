namespace HealthAI.Api.KnowledgeBase;

/// <summary>A document as a client sends it, before validation.</summary>
/// <param name="Title">Required: what the document is about.</param>
/// <param name="Text">Required: the body, markdown or plain text.</param>
/// <param name="Source">Where it comes from (a URL or a citation); optional.</param>
/// <param name="Tags">Short labels; optional.</param>
/// <param name="Format"><c>markdown</c> or <c>text</c>.</param>
internal sealed record DocumentInput(string? Title, string? Text, string? Source, IReadOnlyList<string?>? Tags, string? Format = null);

/// <summary>A document that passed validation, with its content-hash id.</summary>
internal sealed record NewDocument(string Id, string Title, string Text, string Source, IReadOnlyList<string> Tags, string Format);
