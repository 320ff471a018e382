using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Ask;

/// <summary>Registers answering: the optional model, its gate, the extractive fallback's warm-up and <c>/api/ask</c>.</summary>
internal static class AskExtensions
{
    public static WebApplicationBuilder AddAsk(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>()
            .Bind(builder.Configuration.GetSection(ModelOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        builder.Services.AddSingleton<ModelAnswerer>();
        builder.Services.AddSingleton<ModelCallGate>();
        builder.Services.AddSingleton<SentenceMeaning>();
        builder.Services.AddHostedService<AnswerWarmUp>();
        builder.Services.AddSingleton<AskService>();
        return builder;
    }

    public static WebApplication MapAsk(this WebApplication app)
    {
        app.MapAskEndpoints();
        return app;
    }
}
