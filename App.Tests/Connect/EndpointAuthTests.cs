using Diagrams.App.Platform.Connect;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Connect;

public sealed class EndpointAuthTests
{
    private static readonly string[] PublicRoutes = ["/atlassian-connect.json", "/jira/atlassian-connect.json", "/healthz", "/readyz", "/static/icon.svg", "/static/app/{file}", "/static/app/stencils/{file}", "/static/app/icons/{file}"];

    [Fact]
    public async Task EveryRoute_DeclaresItsTokenKind_OnlyDescriptorHealthAndStaticArePublic()
    {
        await using var system = await TestSystem.StartAsync();
        var endpoints = system.App.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.Count.ShouldBeGreaterThan(15);
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var auth = endpoint.Metadata.GetMetadata<ConnectAuthMetadata>();
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (endpoint.Metadata.GetMetadata<App.Platform.Forge.JobTicketAuthMetadata>() is { } ticketed)
            {
                // The ticketed job route: the job-ticket scheme's policy only; its CORS preflight (OPTIONS only) is the one public part.
                route.ShouldBe(App.Jobs.JobTicketEndpoints.TicketedRoute);
                auth.ShouldBeNull(route);
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods;
                if (ticketed.Preflight)
                {
                    isPublic.ShouldBeTrue(route);
                    methods.ShouldBe(["OPTIONS"], route);
                }
                else
                {
                    isPublic.ShouldBeFalse(route);
                    methods.ShouldBe(["POST"], route);
                    endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ShouldBe([App.Platform.Forge.JobTicketAuthentication.Scheme], route);
                }

                continue;
            }

            if (endpoint.Metadata.GetMetadata<App.Platform.Forge.ForgeAuthMetadata>() is not null)
            {
                // Forge's lifecycle events and job tickets: the FIT scheme's policy only, no Connect token kind, never public.
                (auth is null && !isPublic).ShouldBeTrue(route);
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ShouldBe([App.Platform.Forge.ForgeAuthentication.Scheme], route);
                continue;
            }

            (auth is not null ^ isPublic).ShouldBeTrue(route);
            if (!isPublic)
            {
                // The token kind is enforced by the authorization policy of its scheme (the fallback policy refuses the rest).
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ShouldBe([ConnectAuthentication.Scheme(auth!.Kind)], route);
            }

            if (isPublic)
            {
                PublicRoutes.ShouldContain(route);
            }
            else if (route.StartsWith("/api/", StringComparison.Ordinal))
            {
                auth!.Kind.ShouldBe(ConnectAuthKind.ContextToken, route);
            }
            else if (route is "/lifecycle/installed" or "/lifecycle/uninstalled")
            {
                auth!.Kind.ShouldBe(ConnectAuthKind.InstallCallback, route);
            }
            else
            {
                auth!.Kind.ShouldBe(ConnectAuthKind.HostRequest, route);
            }
        }
    }
}
