using System.Security.Cryptography;

namespace Diagrams.HostSim;

/// <summary>A Confluence page attachments can live on. A draft (never published) page is reachable only with status=draft.</summary>
public sealed class SimPage
{
    public string Status { get; set; } = "current";

    public bool Visible { get; set; } = true;

    public bool AttachmentsEnabled { get; set; } = true;

    /// <summary>Page restrictions: who may view (null: every user of the site) and who may edit (null: every viewer).</summary>
    public Restrictions Restrictions { get; set; } = new(null, null);

    public string Title { get; set; } = "Untitled page";

    /// <summary>Plain text shown above the macros on the sandbox page.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>Bumped on every publish, as Confluence does.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Guards <see cref="Macros"/> and <see cref="Version"/>.</summary>
    public Lock Sync { get; } = new();

    /// <summary>The page's macros in body order. Guarded by <see cref="Sync"/>.</summary>
    public List<SimMacro> Macros { get; } = [];
}

/// <summary>One macro in a page body: its id and the parameters the editor saved (<c>AP.confluence.saveMacro</c>).</summary>
public sealed record SimMacro(string MacroId, IReadOnlyDictionary<string, string> Params);

/// <summary>A Jira issue attachments and issue properties can live on.</summary>
public sealed class SimIssue
{
    public string Summary { get; set; } = string.Empty;

    public bool Visible { get; set; } = true;

    public bool AttachmentsEnabled { get; set; } = true;

    /// <summary>Who may browse the issue (null: every user of the site) and who may edit it and add attachments (null: every browser).</summary>
    public Restrictions Restrictions { get; set; } = new(null, null);
}

/// <summary>
/// A user's access to one page or issue, as the permission APIs answer it: only users of the site (<see cref="SimSite.Users"/>)
/// hold any permission; <c>Viewers</c> and <c>Editors</c> narrow it further when set.
/// </summary>
public sealed record Restrictions(IReadOnlySet<string>? Viewers, IReadOnlySet<string>? Editors)
{
    public bool MayView(SimSite site, string accountId) => site.Users.ContainsKey(accountId) && (Viewers is null || Viewers.Contains(accountId));

    public bool MayEdit(SimSite site, string accountId) => MayView(site, accountId) && (Editors is null || Editors.Contains(accountId));
}

/// <summary>
/// A stored attachment: on a Confluence page (id "att{n}", versioned) or on a Jira issue (numeric id, exactly one
/// version: Jira has no attachment versions). Guarded by <see cref="SimSite.Sync"/>.
/// </summary>
public sealed class SimAttachment
{
    public required string Id { get; init; }

    /// <summary>"confluence" or "jira".</summary>
    public required string Product { get; init; }

    /// <summary>The page id (Confluence) or issue key (Jira).</summary>
    public required string Container { get; init; }

    public required string Name { get; init; }

    public List<SimVersion> Versions { get; } = [];

    public SimVersion Latest => Versions[^1];

    public SimVersion? Version(int? number) => number is null ? Latest : Versions.Find(v => v.Number == number);
}

/// <summary>One version of an attachment's bytes.</summary>
public sealed class SimVersion
{
    public SimVersion(int number, byte[] content, string mediaType, string? comment, bool minorEdit)
    {
        Number = number;
        Content = content;
        MediaType = mediaType;
        Comment = comment;
        MinorEdit = minorEdit;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public int Number { get; }

    public byte[] Content { get; }

    public string MediaType { get; }

    public string? Comment { get; }

    public bool MinorEdit { get; }

    public string Sha256 { get; }

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
}

/// <summary>What an opaque media-service id stands for (minted per download redirect, like a media token).</summary>
public sealed record MediaLink(string SiteId, string AttachmentId, int Version);

/// <summary>A request the media service received; <c>AuthorizationPresent</c> tells whether any Authorization header came along.</summary>
public sealed record MediaRequest(string Opaque, string? SiteId, string Method, string Host, bool AuthorizationPresent, int Status, DateTimeOffset Time);

/// <summary>A fault that fired on a request.</summary>
public sealed record FiredFault(string Kind, string SiteId, string Method, string Path, DateTimeOffset Time);
