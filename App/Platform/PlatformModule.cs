using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Forge;

namespace Diagrams.App.Platform;

/// <summary>
/// Who the caller is: the tenants (Platform/Tenants), one authentication scheme per token kind (Connect install callback,
/// host request, context token; Forge Invocation Token; job ticket), the lifecycle routes of both, and the outbound host
/// client (Platform/HostCalls). Features only consume it: their routes name a policy and read the scoped
/// <see cref="Tenants.CurrentTenant"/>.
/// </summary>
public static class PlatformModule
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder) => builder.AddConnect().AddForge();

    /// <summary>The Connect descriptor and lifecycle callbacks, and the Forge lifecycle trigger.</summary>
    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder routes) => routes.MapConnect().MapForge();
}
