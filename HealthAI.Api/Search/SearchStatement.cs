namespace HealthAI.Api.Search;

/// <summary>The engine's ranked search over its full-text index: the SQL where the engines differ most.</summary>
internal abstract class SearchStatement
{
    /// <summary>
    /// The top <c>@k</c> chunks for <c>@query</c>: document_id, id, ordinal, title, source, score (higher is
    /// better), snippet (the text as stored, each match between <see cref="SnippetMarkup.MatchStart"/> and
    /// <see cref="SnippetMarkup.MatchEnd"/>; null past the first <c>@snippets</c>), text. Title
    /// matches weigh double on both engines. A snippet costs more than ranking a hit, and a hybrid search asks
    /// for a pool of candidates of which only a few are shown.
    /// </summary>
    public abstract string Sql { get; }

    /// <summary>The engine's query text for <c>@query</c>, from words that are only letters and digits.</summary>
    public abstract string QueryText(IReadOnlyList<string> terms);

    /// <summary>The statement for <paramref name="engine"/>.</summary>
    public static SearchStatement For(KnowledgeBaseEngine engine) =>
        engine == KnowledgeBaseEngine.PostgreSql ? PostgreSqlSearchStatement.Instance : SqliteSearchStatement.Instance;
}
