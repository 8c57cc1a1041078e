using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace Storyboard.Tests.Infrastructure;

/// <summary>AngleSharp helpers: parse responses and submit the parsed form, antiforgery token included.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage!.RequestUri!);
            request.Status(response.StatusCode);
        });
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static IHtmlFormElement Form(this IParentNode document, string selector = "main form") =>
        document.QuerySelector<IHtmlFormElement>(selector) ?? throw new Xunit.Sdk.XunitException($"No form matches '{selector}'");

    /// <summary>Fills the named fields of the real form and submits it as a browser would.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null, string? submitSelector = null,
        IDictionary<string, string>? headers = null)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            var fields = form.Elements.Where(e => e.GetAttribute("name") == name).ToList();
            Assert.True(fields.Count > 0, $"The form has no field named '{name}'");
            foreach (var field in fields)
            {
                switch (field)
                {
                    case IHtmlInputElement { Type: "radio" or "checkbox" } check:
                        check.IsChecked = check.Value == value || (value == "true" && check.Type == "checkbox");
                        break;
                    case IHtmlInputElement input:
                        input.Value = value;
                        break;
                    case IHtmlTextAreaElement area:
                        area.Value = value;
                        break;
                    case IHtmlSelectElement select:
                        Assert.True(select.Options.Any(o => o.Value == value), $"'{name}' has no option '{value}'");
                        select.Value = value;
                        break;
                }
            }
        }
        var submitter = form.QuerySelector<IHtmlElement>(submitSelector ?? "button[type=submit], button:not([type]), input[type=submit]")
            ?? throw new Xunit.Sdk.XunitException($"The form has no submit button '{submitSelector}'");
        var submission = form.GetSubmission(submitter) ?? throw new Xunit.Sdk.XunitException("The form produced no submission");
        var target = new Uri(submission.Target.Href);
        var request = new HttpRequestMessage(new System.Net.Http.HttpMethod(submission.Method.ToString().ToUpperInvariant()), target);
        if (submission.Method == AngleSharp.Io.HttpMethod.Post)
        {
            var body = new StreamContent(submission.Body);
            foreach (var (key, value) in submission.Headers)
            {
                body.Headers.TryAddWithoutValidation(key, value);
            }
            request.Content = body;
        }
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }
        return client.SendAsync(request);
    }

    /// <summary>The antiforgery token a page carries, for hand-built requests (uploads, htmx headers).</summary>
    public static string AntiforgeryToken(this IHtmlDocument document) =>
        document.QuerySelector<IHtmlMetaElement>("meta[name=csrf-token]")?.Content
        ?? throw new Xunit.Sdk.XunitException("The page has no csrf-token meta tag");

    public static string Text(this IParentNode node, string selector) =>
        node.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"Nothing matches '{selector}'");

    public static void AssertStatus(this HttpResponseMessage response, HttpStatusCode expected) =>
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} but got {(int)response.StatusCode} for {response.RequestMessage?.RequestUri}");
}
