using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Storyboard.Bench;

/// <summary>One signed-in person: an HttpClient with its own cookie jar that fills and posts the app's real forms.</summary>
public sealed class Browser : IDisposable
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public Browser(Uri baseAddress)
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = Cookies,
            AllowAutoRedirect = true,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http { get; }

    /// <summary>The cookie jar (sign-in and antiforgery cookies), to share with a client that does not follow redirects.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>A second client with the same cookies that answers redirects as they are (a form post's 302).</summary>
    public HttpClient WithoutRedirects() => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = Cookies, AllowAutoRedirect = false })
    {
        BaseAddress = Http.BaseAddress,
        Timeout = Http.Timeout,
    };

    public async Task<IDocument> GetDocumentAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
        return await ParseAsync(response);
    }

    /// <summary>
    /// Posts the page's main form as a browser would: every field's current value (the antiforgery token included),
    /// with <paramref name="values"/> filled in. Returns the address the redirects ended on.
    /// </summary>
    public async Task<Uri> SubmitAsync(string path, IReadOnlyDictionary<string, string> values)
    {
        var page = await GetDocumentAsync(path);
        var form = page.QuerySelector<IHtmlFormElement>("main form") ?? throw new InvalidOperationException($"{path} has no form");
        var fields = Fields(form, values, path);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        using var response = await Http.PostAsync(action, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST {action} answered {(int)response.StatusCode}");
        }
        var landed = response.RequestMessage!.RequestUri!;
        if (landed.AbsolutePath.Equals(new Uri(Http.BaseAddress!, path).AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            var again = await ParseAsync(response);
            var errors = string.Join("; ", again.QuerySelectorAll(".field-error, .form-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
            throw new InvalidOperationException($"POST {action} showed the form again: {errors}");
        }
        return landed;
    }

    /// <summary>
    /// A form's fields as a browser posts them: every field's current value (the antiforgery token included, which
    /// must be there), then <paramref name="values"/>.
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IReadOnlyDictionary<string, string> values, string path)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox", IsChecked: false }:
                case IHtmlButtonElement:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        if (!fields.Any(f => f.Key == "__RequestVerificationToken"))
        {
            throw new InvalidOperationException($"The form on {path} carries no antiforgery token");
        }
        fields.AddRange(values);
        return fields;
    }

    public async Task SignInAsync(string userName, string password)
    {
        var landed = await SubmitAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        if (landed.AbsolutePath != "/Projects")
        {
            throw new InvalidOperationException($"Signing in as {userName} ended on {landed}");
        }
    }

    public void Dispose() => Http.Dispose();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
    }
}
