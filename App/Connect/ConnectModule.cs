using Diagrams.App.Data;
using Diagrams.App.Tenants;

namespace Diagrams.App.Connect;

public static class ConnectModule
{
    public static IHostApplicationBuilder AddConnect(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Configure(o => o.BaseUrl ??= builder.Environment.IsDevelopment() ? "http://localhost:5000" : null)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ConnectOptions>().BindConfiguration(ConnectOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HostUrlPolicy>();
        services.AddSingleton<Descriptor>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<ConnectTokenVerifier>();
        services.AddSingleton<InstallTokenVerifier>();
        services.AddScoped<CurrentTenant>();
        services.AddScoped<TenantStore>();
        services.AddHttpClient(InstallKeyProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(3) });
        services.AddSingleton<InstallKeyProvider>();
        services.AddHttpClient<HostClient>(HostClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) });

        if (builder.Configuration.GetValue<string>($"{DatabaseOptions.Section}:Provider") is { } provider
            && string.Equals(provider, DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<PostgresTenantChangeFeed>();
            services.AddSingleton<ITenantChangeFeed>(sp => sp.GetRequiredService<PostgresTenantChangeFeed>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresTenantChangeFeed>());
        }
        else
        {
            services.AddSingleton<ITenantChangeFeed, LocalTenantChangeFeed>();
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder routes)
    {
        Descriptor.MapDescriptor(routes);
        return routes.MapLifecycle();
    }
}
