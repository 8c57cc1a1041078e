using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Pages.Gallery;

/// <summary>
/// A clip's gallery page through real requests: filter and sort from the address, rating, the Trash, choosing the
/// clip's image and video (undoable), "again", the viewer's order, compare, and who may see and change what.
/// </summary>
public sealed class GalleryPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpClient Admin, int ProjectId, int ClipId)> ClipAsync()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Rooftop", 0, 50);
        return (admin, id, clip.Id);
    }

    private static string Gallery(int projectId, int clipId, string query = "") => $"/projects/{projectId}/clips/{clipId}/gallery{query}";

    private static List<int> Shown(IHtmlDocument page) =>
        page.QuerySelectorAll("#gallery-items > li").Select(li => int.Parse(li.Id!["generation-".Length..], CultureInfo.InvariantCulture)).ToList();

    private static IHtmlFormElement Picks(IHtmlDocument page, params int[] ids)
    {
        foreach (var id in ids)
        {
            page.QuerySelector<IHtmlInputElement>($"#pick-{id}")!.IsChecked = true;
        }
        return page.Form("#gallery-picks");
    }

    [Fact]
    public async Task The_gallery_filters_by_server_model_kind_and_date_from_the_address()
    {
        var (admin, id, clipId) = await ClipAsync();
        var card = await GallerySeed.AddAsync(_factory, id, clipId, 1, daysAfter: 0);
        var sdxl = await GallerySeed.AddAsync(_factory, id, clipId, 2, source: "Studio GPU", model: "sdxl.safetensors", daysAfter: 1);
        var flux = await GallerySeed.AddAsync(_factory, id, clipId, 3, source: "Studio GPU", model: "flux.safetensors", daysAfter: 2);
        var video = await GallerySeed.AddAsync(_factory, id, clipId, 4, source: "Cloud", model: "wan.safetensors", daysAfter: 3, kind: OutputKind.Video);

        var page = await admin.GetDocumentAsync(Gallery(id, clipId));
        Assert.Equal([video.Id, flux.Id, sdxl.Id, card.Id], Shown(page));
        Assert.Equal(["", "Cloud", "Draft card", "Studio GPU"], page.QuerySelectorAll("select[name=source] option").Select(o => o.GetAttribute("value")));

        // The real GET form, as a browser submits it.
        var byServer = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-filter"), new Dictionary<string, string> { ["source"] = "Studio GPU" }));
        Assert.Equal([flux.Id, sdxl.Id], Shown(byServer));
        Assert.Equal("Studio GPU", byServer.QuerySelector<IHtmlSelectElement>("select[name=source]")!.Value);
        Assert.Equal([sdxl.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?model=sdxl.safetensors"))));
        Assert.Equal([video.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?kind=Video"))));
        Assert.Equal([flux.Id, sdxl.Id, card.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?kind=Image"))));
        Assert.Equal([flux.Id, sdxl.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?from=2026-03-11&to=2026-03-12"))));
        Assert.Empty(Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?source=Cloud&kind=Image"))));
    }

    [Fact]
    public async Task The_gallery_sorts_newest_first_oldest_first_or_best_rated_first()
    {
        var (admin, id, clipId) = await ClipAsync();
        var first = await GallerySeed.AddAsync(_factory, id, clipId, 1, daysAfter: 0, rating: 3);
        var second = await GallerySeed.AddAsync(_factory, id, clipId, 2, daysAfter: 2, rating: 5);
        var third = await GallerySeed.AddAsync(_factory, id, clipId, 3, daysAfter: 1, rating: 0);
        var fourth = await GallerySeed.AddAsync(_factory, id, clipId, 4, daysAfter: 3, rating: 3);

        Assert.Equal([fourth.Id, second.Id, third.Id, first.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId))));
        Assert.Equal([first.Id, third.Id, second.Id, fourth.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId, "?sort=Oldest"))));
        // Equal ratings: the newer first.
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));
        var rated = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-filter"), new Dictionary<string, string> { ["sort"] = "Rating" }));
        Assert.Equal([second.Id, fourth.Id, first.Id, third.Id], Shown(rated));
    }

    [Fact]
    public async Task A_star_button_rates_a_generation_and_the_grid_shows_it_pressed()
    {
        var (admin, id, clipId) = await ClipAsync();
        var generation = await GallerySeed.AddAsync(_factory, id, clipId, 1);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId, "?sort=Rating"));

        var rated = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#rate-{generation.Id}-4"));
        Assert.Equal("Rated 4 stars.", rated.Text("#flash"));
        Assert.Equal(4, (await GallerySeed.GetAsync(_factory, generation.Id)).Rating);
        // Back where it was, filter kept; the fourth star is the pressed one and four are lit.
        Assert.Equal("Rating", rated.QuerySelector<IHtmlSelectElement>("select[name=sort]")!.Value);
        Assert.Equal("true", rated.QuerySelector($"#rate-{generation.Id}-4")!.GetAttribute("aria-pressed"));
        Assert.Equal(4, rated.QuerySelectorAll($"#generation-{generation.Id} .star.lit").Length);
        Assert.Equal("Rating of Image, seed 1: 4 of 5", rated.QuerySelector($"#generation-{generation.Id} .rating")!.GetAttribute("aria-label"));

        // htmx: the grid comes back with the message out of band; Clear sets it to 0.
        var response = await admin.SubmitAsync(rated.Form("#gallery-picks"), submitSelector: $"#rate-{generation.Id}-0",
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        response.AssertStatus(HttpStatusCode.OK);
        var fragment = await Html.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector($"section#gallery-{clipId}"));
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Equal("The rating is cleared.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.Equal(0, (await GallerySeed.GetAsync(_factory, generation.Id)).Rating);
    }

    [Fact]
    public async Task A_rating_outside_0_to_5_is_refused()
    {
        var (admin, id, clipId) = await ClipAsync();
        var generation = await GallerySeed.AddAsync(_factory, id, clipId, 1, rating: 2);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));
        page.QuerySelector<IHtmlButtonElement>($"#rate-{generation.Id}-5")!.Value = "6";

        var refused = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#rate-{generation.Id}-5"));

        Assert.Equal("A rating is 0 to 5 stars.", refused.Text("#flash [role=alert]"));
        Assert.Equal(2, (await GallerySeed.GetAsync(_factory, generation.Id)).Rating);
    }

    [Fact]
    public async Task Ticked_generations_move_to_the_Trash_together_and_come_back_with_restore()
    {
        var (admin, id, clipId) = await ClipAsync();
        var a = await GallerySeed.AddAsync(_factory, id, clipId, 1, daysAfter: 0);
        var b = await GallerySeed.AddAsync(_factory, id, clipId, 2, daysAfter: 1);
        var c = await GallerySeed.AddAsync(_factory, id, clipId, 3, daysAfter: 2);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        var trashed = await Html.ParseAsync(await admin.SubmitAsync(Picks(page, a.Id, c.Id), submitSelector: "#gallery-trash"));

        Assert.Equal("2 generations moved to the Trash.", trashed.Text("#flash"));
        Assert.Equal([b.Id], Shown(trashed));
        Assert.Equal("Trash (2)", trashed.Text("#gallery-show-trash"));
        // The clip panel's gallery skips them too, and its link counts what is left.
        var timeline = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        Assert.Single(timeline.QuerySelectorAll("#clip-gallery li"));
        Assert.Equal("Open the gallery (1)", timeline.Text("#open-clip-gallery"));

        var trash = await admin.GetDocumentAsync(trashed.QuerySelector<IHtmlAnchorElement>("#gallery-show-trash")!.Href);
        Assert.Equal([c.Id, a.Id], Shown(trash));
        Assert.Null(trash.QuerySelector("#gallery-trash"));
        var restored = await Html.ParseAsync(await admin.SubmitAsync(Picks(trash, a.Id), submitSelector: "#gallery-restore"));
        Assert.Equal("1 generation restored from the Trash.", restored.Text("#flash"));
        Assert.Equal([c.Id], Shown(restored)); // still the Trash view
        Assert.Equal([b.Id, a.Id], Shown(await admin.GetDocumentAsync(Gallery(id, clipId))));
        Assert.Null((await GallerySeed.GetAsync(_factory, a.Id)).DeletedAt);
        Assert.NotNull((await GallerySeed.GetAsync(_factory, c.Id)).DeletedAt);
    }

    [Fact]
    public async Task Move_to_Trash_with_nothing_ticked_says_so_and_moves_nothing()
    {
        var (admin, id, clipId) = await ClipAsync();
        var a = await GallerySeed.AddAsync(_factory, id, clipId, 1);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        var response = await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: "#gallery-trash",
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Tick the generations to move to the Trash first.", (await Html.ParseAsync(response)).Text("#flash[hx-swap-oob] [role=alert]"));
        Assert.Null((await GallerySeed.GetAsync(_factory, a.Id)).DeletedAt);
    }

    [Fact]
    public async Task Again_queues_the_same_job_with_its_seed_or_with_a_new_one()
    {
        var (admin, id, clipId) = await ClipAsync();
        var server = await GallerySeed.AddServerAsync(_factory, "Studio GPU");
        var parameters = new GenerationParameters
        {
            Prompt = "a fox on a roof",
            NegativePrompt = "blur",
            Seed = 18446744073709551615UL,
            Width = 1344,
            Height = 768,
            Model = "checkpoints/sdxl.safetensors",
            Steps = 30,
            Loras = [new LoraChoice("SDXL/pixel.safetensors", 0.8)],
        };
        var jobId = await _factory.QueryAsync(async db =>
        {
            var job = new GenerationJob
            {
                ProjectId = id,
                ClipId = clipId,
                Kind = OutputKind.Video,
                RequestedServerId = server.Id,
                ServerId = server.Id,
                Status = JobStatus.Completed,
                ParametersJson = parameters.ToJson(),
                CreatedAt = GallerySeed.Day,
            };
            db.GenerationJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        var generation = await GallerySeed.AddAsync(_factory, id, clipId, parameters.Seed, source: "Studio GPU", model: "sdxl.safetensors",
            jobId: jobId, kind: OutputKind.Video, set: g => g.ServerId = server.Id);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        var same = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#again-{generation.Id}"));
        var fresh = await Html.ParseAsync(await admin.SubmitAsync(same.Form("#gallery-picks"), submitSelector: $"#again-new-seed-{generation.Id}"));

        Assert.StartsWith("Queued again with a new seed (job ", fresh.Text("#flash"), StringComparison.Ordinal);
        var jobs = await _factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().Where(j => j.Id != jobId).OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((id, clipId, OutputKind.Video, false, (int?)server.Id), (j.ProjectId, j.ClipId, j.Kind, j.IsDraftCard, j.RequestedServerId)));
        var again = GenerationParameters.FromJson(jobs[0].ParametersJson);
        Assert.Equal(parameters.ToJson(), again.ToJson());
        var newSeed = GenerationParameters.FromJson(jobs[1].ParametersJson);
        Assert.NotEqual(parameters.Seed, newSeed.Seed);
        Assert.Equal((parameters with { Seed = newSeed.Seed }).ToJson(), newSeed.ToJson());
    }

    [Fact]
    public async Task Again_on_a_Draft_card_queues_a_Draft_card()
    {
        var (admin, id, clipId) = await ClipAsync();
        var generation = await GallerySeed.AddAsync(_factory, id, clipId, 42);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#again-{generation.Id}");

        var job = Assert.Single(await _factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().ToListAsync()));
        Assert.Equal((true, OutputKind.Image, (int?)null, 42UL), (job.IsDraftCard, job.Kind, job.RequestedServerId, GenerationParameters.FromJson(job.ParametersJson).Seed));
    }

    [Fact]
    public async Task Choosing_an_image_shows_it_on_the_timeline_and_undo_takes_it_back()
    {
        var (admin, id, clipId) = await ClipAsync();
        var older = await GallerySeed.AddAsync(_factory, id, clipId, 1, daysAfter: 0);
        var newer = await GallerySeed.AddAsync(_factory, id, clipId, 2, daysAfter: 1);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        var chosen = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#choose-{older.Id}"));

        Assert.Equal("That image is now the clip's chosen one.", chosen.Text("#flash"));
        Assert.Equal("Chosen image", chosen.Text($"#generation-{older.Id} .chosen-label"));
        Assert.Null(chosen.QuerySelector($"#choose-{older.Id}"));
        Assert.NotNull(chosen.QuerySelector($"#choose-{newer.Id}"));
        Assert.Equal(older.MediaHash, (await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
        var timeline = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100&at=0");
        Assert.Equal($"/media/clips/{clipId}/thumbnail.jpg", timeline.QuerySelector($"#lane-clip-{clipId} image")!.GetAttribute("href"));

        var undone = await Html.ParseAsync(await admin.SubmitAsync(TimelinePageTests.FormOf(timeline, "#undo")));
        Assert.Null((await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
        Assert.Null(undone.QuerySelector($"#lane-clip-{clipId} image"));
    }

    [Fact]
    public async Task Choosing_a_video_sets_the_clips_video_and_undo_restores_the_one_before()
    {
        var (admin, id, clipId) = await ClipAsync();
        var first = await GallerySeed.AddAsync(_factory, id, clipId, 1, kind: OutputKind.Video, daysAfter: 0);
        var second = await GallerySeed.AddAsync(_factory, id, clipId, 2, kind: OutputKind.Video, daysAfter: 1);
        var image = await GallerySeed.AddAsync(_factory, id, clipId, 3, daysAfter: 2);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));
        Assert.Equal("Use this video (Video, seed 1)", page.Text($"#choose-{first.Id}"));

        var one = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#gallery-picks"), submitSelector: $"#choose-{first.Id}"));
        Assert.Equal("That video is now the clip's chosen one.", one.Text("#flash"));
        var two = await Html.ParseAsync(await admin.SubmitAsync(one.Form("#gallery-picks"), submitSelector: $"#choose-{second.Id}"));
        Assert.Equal("Chosen video", two.Text($"#generation-{second.Id} .chosen-label"));
        var clip = await TimelineSeed.GetClipAsync(_factory, clipId);
        Assert.Equal((second.MediaHash, (string?)null), (clip.ChosenVideoHash, clip.ChosenImageHash));
        // Choosing a video is no image choice: the image keeps its button.
        Assert.NotNull(two.QuerySelector($"#choose-{image.Id}"));

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var undo = await scope.ServiceProvider.GetRequiredService<ITimelineService>().UndoAsync(id, null, default);
            Assert.True(undo.Succeeded);
        }
        Assert.Equal(first.MediaHash, (await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenVideoHash);
        var history = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        Assert.StartsWith("Redo: Choose a video for", history.Text("#redo"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_viewer_steps_through_the_gallery_in_its_order_with_prev_and_next_links()
    {
        var (admin, id, clipId) = await ClipAsync();
        var a = await GallerySeed.AddAsync(_factory, id, clipId, 11, daysAfter: 0, model: "sdxl.safetensors", source: "Studio GPU",
            set: g => (g.QueuedAt, g.StartedAt, g.CreatedAt) = (GallerySeed.Day.AddSeconds(-20), GallerySeed.Day.AddSeconds(-12), GallerySeed.Day));
        var b = await GallerySeed.AddAsync(_factory, id, clipId, 12, daysAfter: 1);
        var c = await GallerySeed.AddAsync(_factory, id, clipId, 13, daysAfter: 2);
        var grid = await admin.GetDocumentAsync(Gallery(id, clipId, "?sort=Oldest"));

        var first = await admin.GetDocumentAsync(grid.QuerySelector<IHtmlAnchorElement>($"#generation-{a.Id} a.gallery-open")!.Href);
        Assert.Equal("Image, seed 11 Rooftop", first.Text("h1"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal($"/media/generations/{a.Id}", first.QuerySelector<IHtmlImageElement>(".generation-figure img")!.GetAttribute("src"));
        var facts = first.QuerySelectorAll(".generation-facts div").ToDictionary(d => d.Text("dt"), d => d.Text("dd"));
        Assert.Equal(("11", "sdxl.safetensors", "Studio GPU", "a fox", "12 s"), (facts["Seed"], facts["Model"], facts["Server"], facts["Prompt"], facts["Took"]));

        var second = await admin.GetDocumentAsync(first.QuerySelector<IHtmlAnchorElement>("a[rel=next]")!.Href);
        Assert.Equal("Image, seed 12 Rooftop", second.Text("h1"));
        var third = await admin.GetDocumentAsync(second.QuerySelector<IHtmlAnchorElement>("a[rel=next]")!.Href);
        Assert.Equal("Image, seed 13 Rooftop", third.Text("h1"));
        Assert.Null(third.QuerySelector("a[rel=next]"));
        Assert.Contains($"/gallery/{b.Id}?", third.QuerySelector<IHtmlAnchorElement>("a[rel=prev]")!.Href, StringComparison.Ordinal);
        Assert.EndsWith("/gallery?sort=Oldest", third.QuerySelector<IHtmlAnchorElement>("a[data-gallery-back]")!.Href, StringComparison.Ordinal);

        // Newest first (no sort in the address), the order turns round.
        var newest = await admin.GetDocumentAsync($"/projects/{id}/clips/{clipId}/gallery/{c.Id}");
        Assert.Null(newest.QuerySelector("a[rel=prev]"));
        Assert.Contains($"/gallery/{b.Id}", newest.QuerySelector<IHtmlAnchorElement>("a[rel=next]")!.Href, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_needs_exactly_two_ticked_and_shows_them_side_by_side()
    {
        var (admin, id, clipId) = await ClipAsync();
        var a = await GallerySeed.AddAsync(_factory, id, clipId, 1, daysAfter: 0);
        var b = await GallerySeed.AddAsync(_factory, id, clipId, 2, daysAfter: 1);
        var c = await GallerySeed.AddAsync(_factory, id, clipId, 3, daysAfter: 2);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        var one = await Html.ParseAsync(await admin.SubmitAsync(Picks(page, a.Id), submitSelector: "#gallery-compare"));
        Assert.Equal("Tick exactly two generations to compare (you ticked 1).", one.Text("#flash [role=alert]"));
        var three = await admin.SubmitAsync(Picks(await admin.GetDocumentAsync(Gallery(id, clipId)), a.Id, b.Id, c.Id), submitSelector: "#gallery-compare",
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        three.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Tick exactly two generations to compare (you ticked 3).", (await Html.ParseAsync(three)).Text("#flash[hx-swap-oob] [role=alert]"));

        var two = await admin.SubmitAsync(Picks(await admin.GetDocumentAsync(Gallery(id, clipId)), a.Id, c.Id), submitSelector: "#gallery-compare");
        Assert.Equal($"/projects/{id}/clips/{clipId}/gallery/compare", two.RequestMessage!.RequestUri!.AbsolutePath);
        var compare = await Html.ParseAsync(two);
        Assert.Equal(["Image, seed 3", "Image, seed 1"], compare.QuerySelectorAll(".compare h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(2, compare.QuerySelectorAll(".compare .generation-figure img[alt]").Length);

        // htmx is sent to the compare page by a redirect header.
        var htmx = await admin.SubmitAsync(Picks(await admin.GetDocumentAsync(Gallery(id, clipId)), a.Id, b.Id), submitSelector: "#gallery-compare",
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        Assert.Contains($"/gallery/compare?a=", htmx.Headers.GetValues("HX-Redirect").Single(), StringComparison.Ordinal);

        var missing = await admin.GetAsync($"/projects/{id}/clips/{clipId}/gallery/compare?a={a.Id}");
        missing.AssertStatus(HttpStatusCode.BadRequest);
        Assert.StartsWith("Pick exactly two different generations", (await Html.ParseAsync(missing)).Text("#compare-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_gallery_but_cannot_change_anything()
    {
        var (admin, id, clipId) = await ClipAsync();
        var generation = await GallerySeed.AddAsync(_factory, id, clipId, 1, rating: 2);
        var editorPage = await admin.GetDocumentAsync(Gallery(id, clipId));
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Roles.Viewer);

        var page = await viewer.GetDocumentAsync(Gallery(id, clipId));
        Assert.Equal([generation.Id], Shown(page));
        Assert.Equal("Rated 2 of 5", page.Text($"#generation-{generation.Id} .rating-text"));
        Assert.Empty(page.QuerySelectorAll("#gallery-trash, .rating button, [id^=choose-], [id^=again-]"));
        Assert.NotNull(page.QuerySelector("#gallery-compare"));
        (await viewer.GetAsync($"/projects/{id}/clips/{clipId}/gallery/{generation.Id}")).AssertStatus(HttpStatusCode.OK);

        // The editor's forms, posted with the viewer's token: every change is forbidden and nothing changed.
        var token = page.AntiforgeryToken();
        foreach (var selector in new[] { $"#rate-{generation.Id}-5", $"#choose-{generation.Id}", $"#again-{generation.Id}", "#gallery-trash" })
        {
            var action = editorPage.QuerySelector<IHtmlButtonElement>(selector)!.GetAttribute("formaction")!;
            var response = await viewer.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["ids"] = generation.Id.ToString(CultureInfo.InvariantCulture),
                ["rating"] = "5",
            }));
            Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        }
        var after = await GallerySeed.GetAsync(_factory, generation.Id);
        Assert.Equal((2, (DateTimeOffset?)null), (after.Rating, after.DeletedAt));
        Assert.Null((await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
        Assert.Empty(await _factory.QueryAsync(db => db.GenerationJobs.ToListAsync()));
    }

    [Fact]
    public async Task Another_projects_generation_is_not_found_through_this_clip()
    {
        var (admin, id, clipId) = await ClipAsync();
        var otherProject = await TimelineSeed.CreateProjectAsync(admin, name: "Other");
        var otherClip = await TimelineSeed.AddClipAsync(_factory, otherProject, "Elsewhere", 0, 50);
        var mine = await GallerySeed.AddAsync(_factory, id, clipId, 1);
        var theirs = await GallerySeed.AddAsync(_factory, otherProject, otherClip.Id, 2);
        var page = await admin.GetDocumentAsync(Gallery(id, clipId));

        (await admin.GetAsync($"/projects/{id}/clips/{clipId}/gallery/{theirs.Id}")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/projects/{id}/clips/{otherClip.Id}/gallery")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/projects/{id}/clips/{clipId}/gallery/compare?a={mine.Id}&b={theirs.Id}")).AssertStatus(HttpStatusCode.NotFound);
        var token = page.AntiforgeryToken();
        foreach (var selector in new[] { $"#rate-{mine.Id}-5", $"#choose-{mine.Id}", $"#again-{mine.Id}", "#gallery-trash" })
        {
            var action = page.QuerySelector<IHtmlButtonElement>(selector)!.GetAttribute("formaction")!
                .Replace($"generationId={mine.Id}", $"generationId={theirs.Id}", StringComparison.Ordinal);
            var response = await admin.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["ids"] = theirs.Id.ToString(CultureInfo.InvariantCulture),
                ["rating"] = "5",
            }));
            response.AssertStatus(HttpStatusCode.NotFound);
        }
        var after = await GallerySeed.GetAsync(_factory, theirs.Id);
        Assert.Equal((0, (DateTimeOffset?)null), (after.Rating, after.DeletedAt));
        Assert.Null((await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
        Assert.Empty(await _factory.QueryAsync(db => db.GenerationJobs.ToListAsync()));
    }
}
