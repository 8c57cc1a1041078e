using System.Net;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Too_many_api_requests_get_a_429_problem_with_retry_after_and_other_users_keep_their_budget()
    {
        using var factory = new StoryboardFactory().With("Api:PermitsPerMinute", "3");
        var (admin, api) = await factory.CreateAdminApiAsync();
        var editor = await factory.CreateUserClientAsync(admin, "eddie", "Editor");
        var editorApi = factory.CreateApiClient(await editor.CreateApiTokenAsync());

        for (var i = 0; i < 3; i++)
        {
            (await api.GetAsync("/api/v1/me")).AssertStatus(HttpStatusCode.OK);
        }
        var rejected = await api.GetAsync("/api/v1/projects");
        var problem = await rejected.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString());
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);

        (await editorApi.GetAsync("/api/v1/me")).AssertStatus(HttpStatusCode.OK);
        // Pages are not part of the API budget.
        (await admin.GetDocumentAsync("/Projects")).AssertSignedInPage();
    }

    [Fact]
    public async Task Sign_in_posts_are_limited_per_address_but_showing_the_login_page_is_not()
    {
        using var factory = new StoryboardFactory().With("Api:SignInPermitsPerMinute", "3");
        await factory.CreateAdminClientAsync();
        var browser = factory.CreateBrowserClient();
        var wrong = await browser.TrySignInAsync(Users.AdminName, "not the password at all");
        Assert.Equal("The user name or password is wrong.", (await Html.ParseAsync(wrong)).Text(".validation-summary-errors, [role=alert]"));
        (await browser.TrySignInAsync(Users.AdminName, Users.Password)).AssertStatus(HttpStatusCode.OK);

        var limited = await factory.CreateBrowserClient().TrySignInAsync(Users.AdminName, Users.Password);
        limited.AssertStatus(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        var page = await Html.ParseAsync(limited);
        Assert.Equal("Too many attempts", page.Text("h1"));
        Assert.Contains("Wait a minute", page.Text("main"));

        for (var i = 0; i < 5; i++)
        {
            var login = await factory.CreateBrowserClient().GetDocumentAsync("/Account/Login");
            Assert.NotNull(login.QuerySelector("form input[name='Input.Password']"));
        }
    }

    [Theory]
    [InlineData("Api:PermitsPerMinute", "0")]
    [InlineData("Api:SignInPermitsPerMinute", "-5")]
    public void An_out_of_range_limit_stops_start_up_naming_the_setting(string key, string value)
    {
        using var factory = new StoryboardFactory().With(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains(key.Split(':')[1], messages);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
