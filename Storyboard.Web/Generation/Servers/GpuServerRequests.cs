using System.Net.Http.Headers;
using System.Text;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Servers;

/// <summary>
/// Requests to a server with its authentication: a ComfyUI route under its base URL (with the extra header or basic
/// credentials a reverse proxy wants), or a RunPod endpoint call with its API key. The secret goes into a header,
/// never into a URL, so it cannot reach a log line.
/// </summary>
public static class GpuServerRequests
{
    public static HttpRequestMessage ComfyUi(GpuServer server, string? secret, HttpMethod method, string route)
    {
        var request = new HttpRequestMessage(method, new Uri($"{server.BaseUrl}/{route.TrimStart('/')}"));
        switch (server.Auth)
        {
            case GpuServerAuth.Header when server.AuthHeaderName is { } name && secret is not null:
                request.Headers.TryAddWithoutValidation(name, secret);
                break;
            case GpuServerAuth.Basic when secret is not null:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.BasicUser}:{secret}")));
                break;
        }
        return request;
    }

    public static HttpRequestMessage RunPod(GpuServer server, string? apiKey, string runPodApiUrl, HttpMethod method, string route)
    {
        var request = new HttpRequestMessage(method,
            new Uri($"{runPodApiUrl.TrimEnd('/')}/v2/{Uri.EscapeDataString(server.EndpointId)}/{route.TrimStart('/')}"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return request;
    }
}
