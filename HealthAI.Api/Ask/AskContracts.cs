namespace HealthAI.Api.Ask;

/// <summary>The body of <c>POST /api/ask</c>.</summary>
/// <param name="Question">What the person asks.</param>
/// <param name="K">How many chunks to retrieve (1 to 20, default 5).</param>
internal sealed record AskRequest(string? Question, int? K);

/// <summary>The answer at <c>POST /api/ask</c>.</summary>
/// <param name="Question">The question, as understood.</param>
/// <param name="Answer">The answer, with <c>[n]</c> markers pointing into <paramref name="Citations"/>.</param>
/// <param name="Citations">The passages the answer rests on, numbered from 1.</param>
/// <param name="AnsweredBy"><c>model</c> or <c>extractive</c>.</param>
/// <param name="Model">The model's name when it answered.</param>
/// <param name="FallbackReason">Why the extractive answer was given although a model is configured.</param>
/// <param name="Disclaimer">The medical disclaimer every answer carries.</param>
/// <param name="Instance">The replica that answered.</param>
internal sealed record AskResponse(
    string Question,
    string Answer,
    IReadOnlyList<Citation> Citations,
    string AnsweredBy,
    string? Model,
    string? FallbackReason,
    string Disclaimer,
    string Instance);

/// <summary>A numbered source of an answer.</summary>
internal sealed record Citation(int Number, string DocumentId, long ChunkId, string Title, string Source, string Snippet);

/// <summary>Who answered.</summary>
internal static class AnsweredBy
{
    public const string Model = "model";
    public const string Extractive = "extractive";
}

/// <summary>The text every answer carries: this is information, not care.</summary>
internal static class MedicalDisclaimer
{
    public const string Text =
        "This is general health information, not medical advice. It does not replace a consultation with a qualified " +
        "health professional. In an emergency, call your local emergency number.";
}
