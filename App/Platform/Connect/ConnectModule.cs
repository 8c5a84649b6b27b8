using Diagrams.App.Data;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;

namespace Diagrams.App.Platform.Connect;

public static class ConnectModule
{
    public static IHostApplicationBuilder AddConnect(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Configure(o => o.BaseUrl ??= builder.Environment.IsDevelopment() ? "http://localhost:5000" : null)
            .ValidateDataAnnotations()
            .Validate(
                o => o.BaseUrl is null || o.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                    || builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>($"{ConnectOptions.Section}:AllowHttp"),
                "App:BaseUrl must be an https URL outside Development (Connect:AllowHttp=true permits http for local demos).")
            .ValidateOnStart();
        services.AddOptions<ConnectOptions>().BindConfiguration(ConnectOptions.Section)
            .PostConfigure(o =>
            {
                o.AllowedHosts = o.AllowedHosts.Length == 0 ? ConnectOptions.DefaultAllowedHosts : o.AllowedHosts;
                o.MediaHosts = o.MediaHosts.Length == 0 ? ConnectOptions.DefaultMediaHosts : o.MediaHosts;
            })
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedHosts.Concat(o.MediaHosts).All(h => h.Length > 0 && !h.Contains('/', StringComparison.Ordinal)),
                "Connect:AllowedHosts and Connect:MediaHosts hold host patterns such as *.atlassian.net (no scheme or path).")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HostUrlPolicy>();
        services.AddSingleton<Descriptor>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<RecentlyUninstalled>();
        services.AddSingleton<ConnectTokenVerifier>();
        services.AddSingleton<InstallTokenVerifier>();
        services.AddScoped<CurrentTenant>();
        services.AddConnectAuthentication();
        services.AddScoped<TenantStore>();
        services.AddHttpClient(InstallKeyProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(3) });
        services.AddSingleton<InstallKeyProvider>();
        services.AddOptions<HostCallOptions>().BindConfiguration(HostCallOptions.Section)
            .Validate(o => o.MaxRetries is >= 0 and <= 10 && o.RetryAfterCapSeconds >= 0 && o.AttemptTimeoutSeconds > 0
                    && o.TotalTimeoutSeconds >= o.AttemptTimeoutSeconds && o.BaseDelaySeconds >= 0
                    && o.AnswerTimeoutSeconds > 0 && o.MaxAnswerBytes is > 0 and <= 64 * 1024 * 1024,
                "Connect:HostCalls: MaxRetries 0-10, timeouts > 0 with TotalTimeoutSeconds >= AttemptTimeoutSeconds, delays >= 0, MaxAnswerBytes 1 B to 64 MiB.")
            .ValidateOnStart();
        services.AddHttpClient<HostClient>(HostClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // bounded by the pipeline
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
            .AddHostResilience();
        services.AddHttpClient(HostClient.MediaClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
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
