using Diagrams.App.Platform.Forge;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Forge;

/// <summary>Which origins may call the ticketed job route (Forge:UiOrigins): https anywhere, http only on localhost names.</summary>
public sealed class ForgeUiOriginsTests
{
    [Theory]
    [InlineData("https://*.cdn.prod.atlassian-dev.net", true)]
    [InlineData("https://ui.example.com", true)]
    [InlineData("https://ui.example.com:8443", true)]
    [InlineData("http://*.cdn.localhost:5100", true)]
    [InlineData("http://localhost:5100", true)]
    [InlineData("http://*.example.com", false)]
    [InlineData("http://127.0.0.1:5100", false)]
    [InlineData("https://*", false)]
    [InlineData("https://example", false)]
    [InlineData("https://ui.example.com/path", false)]
    [InlineData("https://ui.example.com:0", false)]
    [InlineData("ftp://ui.example.com", false)]
    public void Pattern_IsAccepted_OnlyWhenWellFormed(string pattern, bool valid) => ForgeUiOrigins.IsValidPattern(pattern).ShouldBe(valid);

    [Theory]
    [InlineData("http://0f1e2d3c.cdn.localhost:5100", true)]
    [InlineData("http://0f1e2d3c.cdn.localhost:5101", false)]
    [InlineData("https://0f1e2d3c.cdn.localhost:5100", false)]
    [InlineData("http://a.b.cdn.localhost:5100", false)]
    [InlineData("http://cdn.localhost:5100", false)]
    [InlineData("https://abc.cdn.prod.atlassian-dev.net", true)]
    [InlineData("https://abc.cdn.prod.atlassian-dev.net:444", false)]
    [InlineData("https://evilcdn.prod.atlassian-dev.net", false)]
    [InlineData("null", false)]
    public void Origin_IsAllowed_ByScheme_Host_AndPort(string origin, bool allowed)
    {
        var origins = new ForgeUiOrigins(Microsoft.Extensions.Options.Options.Create(new ForgeOptions
        {
            UiOrigins = ["http://*.cdn.localhost:5100", "https://*.cdn.prod.atlassian-dev.net"],
        }));

        origins.Allows(origin).ShouldBe(allowed);
    }
}
