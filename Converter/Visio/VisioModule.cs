using Diagrams.Converter.Tools;

namespace Diagrams.Converter.Visio;

public static class VisioModule
{
    /// <summary>Visio import with its sandboxed external tools (<c>Converter:Tools:*</c>).</summary>
    public static IServiceCollection AddVisioImport(this IServiceCollection services)
    {
        services.AddOptions<ToolOptions>().BindConfiguration($"{ConverterOptions.Section}:Tools")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ToolRunner>();
        services.AddSingleton<VisioImportService>();
        return services;
    }
}
