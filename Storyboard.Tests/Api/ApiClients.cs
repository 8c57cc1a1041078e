using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Api;

/// <summary>API tokens got the way a person gets one (the account page), and clients that send them.</summary>
public static class ApiClients
{
    /// <summary>Submits the account page's "Create token" form and reads the secret it shows once.</summary>
    public static async Task<string> CreateApiTokenAsync(this HttpClient browser, string name = "script")
    {
        var account = await browser.GetDocumentAsync("/Account");
        var response = await browser.SubmitAsync(account.Form("form[action*='handler=CreateToken']"),
            new Dictionary<string, string> { ["Token.Name"] = name });
        response.AssertStatus(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        var secret = page.QuerySelector<IHtmlInputElement>("#new-token-value")?.Value;
        Assert.False(string.IsNullOrEmpty(secret), "The account page showed no new token");
        Assert.StartsWith("sb_", secret);
        return secret;
    }

    /// <summary>A client with no cookies that sends <paramref name="token"/> as a bearer token (or nothing when null).</summary>
    public static HttpClient CreateApiClient(this StoryboardFactory factory, string? token)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>The admin's browser session and an API client with a token the admin created.</summary>
    public static async Task<(HttpClient Browser, HttpClient Api)> CreateAdminApiAsync(this StoryboardFactory factory)
    {
        var browser = await factory.CreateAdminClientAsync();
        return (browser, factory.CreateApiClient(await browser.CreateApiTokenAsync()));
    }

    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Asserts a status and a JSON (not problem) body, and parses it.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} but got {(int)response.StatusCode} for {response.RequestMessage?.RequestUri}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="expected"/> status and parses it.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} but got {(int)response.StatusCode} for {response.RequestMessage?.RequestUri}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The messages of a validation problem, by JSON property name.</summary>
    public static Dictionary<string, string[]> Errors(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());

    public static string[] Names(this JsonElement projects) =>
        projects.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
}
