using System.ComponentModel;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Api;

/// <summary>The body of POST /api/v1/servers and PUT /api/v1/servers/{id}: the server form's fields.</summary>
public sealed record SaveServerInput(
    [property: Description("Required, unique; at most 100 characters.")] string? Name,
    [property: Description("ComfyUi (default) or RunPod.")] string? Kind = null,
    [property: Description("ComfyUI: the server's address, such as http://gpu-box:8188 (http or https, no user name, query or fragment).")] string? BaseUrl = null,
    [property: Description("RunPod: the serverless endpoint id.")] string? EndpointId = null,
    [property: Description("Jobs kept on the server at once, 1 to 16; 2 by default.")] int? Capacity = null,
    [property: Description("ComfyUI behind a proxy: None (default), Header or Basic.")] string? Auth = null,
    [property: Description("Auth Header: the header's name, such as X-Api-Key.")] string? AuthHeaderName = null,
    [property: Description("Auth Basic: the user name.")] string? BasicUser = null,
    [property: Description("Write-only: the header's value, the basic password or the RunPod API key. Never returned; on PUT leave it out to keep the stored one.")] string? Secret = null,
    [property: Description("PUT: true clears the stored secret.")] bool? RemoveSecret = null,
    [property: Description("PUT: required, the version you read; a stale one is a 409.")] int? Version = null)
{
    public GpuServerInput ToForm(Dictionary<string, string> errors) => new()
    {
        Name = Name ?? "",
        Kind = ApiValues.ParseEnum(errors, "kind", Kind, GpuServerKind.ComfyUi),
        BaseUrl = BaseUrl,
        EndpointId = EndpointId,
        Capacity = Capacity ?? 2,
        Auth = ApiValues.ParseEnum(errors, "auth", Auth, GpuServerAuth.None),
        AuthHeaderName = AuthHeaderName,
        BasicUser = BasicUser,
        Secret = Secret,
        RemoveSecret = RemoveSecret ?? false,
        Version = Version ?? 0,
    };
}

/// <summary>A GPU server as the API shows it: never its secret, only whether one is stored.</summary>
public sealed record ServerApiView(
    int Id,
    string Name,
    [property: Description("ComfyUi or RunPod.")] string Kind,
    [property: Description("ComfyUI: the base URL; empty for RunPod.")] string BaseUrl,
    [property: Description("RunPod: the endpoint id; empty for ComfyUI.")] string EndpointId,
    int Capacity,
    [property: Description("None, Header or Basic.")] string Auth,
    string? AuthHeaderName,
    string? BasicUser,
    [property: Description("Whether a secret is stored (it is never shown).")] bool HasSecret,
    [property: Description("Unknown (never checked), Online or Offline, as of the latest health check.")] string Status,
    string? GpuName,
    long? VramTotalBytes,
    long? VramFreeBytes,
    [property: Description("Jobs in the server's own queue at the latest check; null when unknown.")] int? QueueDepth,
    [property: Description("Why the latest check failed, or null.")] string? LastError,
    DateTimeOffset? LastCheckedAt,
    bool IsPaused,
    [property: Description("Measured seconds per image here (a moving average), or null before the first.")] double? SecondsPerImage,
    [property: Description("Measured seconds per video here, or null before the first.")] double? SecondsPerVideo,
    [property: Description("The concurrency token: send it back with PUT.")] int Version)
{
    public static ServerApiView From(GpuServer s) => new(
        s.Id, s.Name, s.Kind.ToString(), s.BaseUrl, s.EndpointId, s.Capacity, s.Auth.ToString(), s.AuthHeaderName, s.BasicUser,
        s.ProtectedSecret is not null, s.Status.ToString(), s.GpuName, s.VramTotalBytes, s.VramFreeBytes, s.QueueDepth, s.LastError,
        s.LastCheckedAt, s.IsPaused, s.SecondsPerImage, s.SecondsPerVideo, s.Version);
}
