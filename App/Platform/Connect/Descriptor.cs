using System.Text.Json.Nodes;
using Diagrams.App.Platform.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Connect;

/// <summary>
/// Renders the one template (<c>atlassian-connect.json</c> at the repository root) for Confluence or Jira:
/// common fields plus that product's scopes and modules, with baseUrl and key from configuration.
/// </summary>
public sealed class Descriptor(IOptions<AppOptions> app)
{
    private static readonly Lazy<JsonObject> Template = new(LoadTemplate);

    public JsonObject Render(string productType)
    {
        var descriptor = (JsonObject)Template.Value.DeepClone();
        var product = descriptor["products"]![productType]!.AsObject();
        descriptor.Remove("products");
        descriptor["key"] = productType == ProductTypes.Jira ? app.Value.JiraKey : app.Value.Key;
        descriptor["baseUrl"] = app.Value.NormalizedBaseUrl;
        descriptor["scopes"] = product["scopes"]!.DeepClone();
        descriptor["modules"] = product["modules"]!.DeepClone();
        return descriptor;
    }

    public static IEndpointRouteBuilder MapDescriptor(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/atlassian-connect.json", (Descriptor d) => Results.Json(d.Render(ProductTypes.Confluence))).AllowAnonymous();
        routes.MapGet("/jira/atlassian-connect.json", (Descriptor d) => Results.Json(d.Render(ProductTypes.Jira))).AllowAnonymous();
        return routes;
    }

    private static JsonObject LoadTemplate()
    {
        using var stream = typeof(Descriptor).Assembly.GetManifestResourceStream("atlassian-connect.json")
            ?? throw new InvalidOperationException("The descriptor template is not embedded in the assembly.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
