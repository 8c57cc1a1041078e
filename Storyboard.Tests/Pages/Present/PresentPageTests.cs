using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using SixLabors.ImageSharp;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Present;

/// <summary>
/// Presentation mode without JavaScript: the server's slideshow list of every main shot in time order with its picture,
/// facts and lyrics, the song as a native player, and the Draft card PNGs it links to.
/// </summary>
public sealed class PresentPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string Url(int projectId) => $"/Projects/{projectId}/Present";

    private async Task SetClipAsync(int clipId, Action<Clip> change) =>
        await _factory.QueryAsync(async db =>
        {
            change((await db.Clips.FindAsync(clipId))!);
            return await db.SaveChangesAsync();
        });

    private static List<IElement> Items(IHtmlDocument page) => page.QuerySelectorAll("ol#present-clips > li").ToList();

    private static string Fact(IElement item, string label) =>
        item.QuerySelectorAll(".present-details > div").SingleOrDefault(d => d.QuerySelector("dt")!.TextContent == label)?.QuerySelector("dd")!.TextContent
        ?? throw new Xunit.Sdk.XunitException($"No fact '{label}' in {item.Id}");

    [Fact]
    public async Task The_slideshow_lists_every_main_shot_in_time_order_with_its_facts_lyrics_and_the_song()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin, frameRate: "25");
        await TimelineSeed.AddSongAsync(_factory, id, 20_000_000);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Night drive", 0, 150);
        await _factory.QueryAsync(async db =>
        {
            var row = (await db.Scenes.FindAsync(scene.Id))!;
            row.Section = SectionKind.Chorus;
            return await db.SaveChangesAsync();
        });
        // Added out of order: the list follows the timeline, not the insertion.
        var road = await TimelineSeed.AddClipAsync(_factory, id, "Road", 100, 50, scene.Id);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50, scene.Id);
        var alternate = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50, scene.Id, originalId: car.Id, take: 1);
        var outro = await TimelineSeed.AddClipAsync(_factory, id, "Tail lights & \"fog\"", 200, 25);
        await SetClipAsync(car.Id, c =>
        {
            c.Lyrics = "Headlights on the rain\nand nowhere to be";
            c.ShotSize = ShotSize.CloseUp;
            c.CameraMove = CameraMove.DollyIn;
            c.Notes = "Hold on the driver's eyes.";
        });
        var songId = await _factory.QueryAsync(db => Task.FromResult(db.Songs.Single(s => s.ProjectId == id).Id));

        var page = await admin.GetDocumentAsync(Url(id));

        Assert.Equal("Present Night Drive", page.Text("h1"));
        var items = Items(page);
        Assert.Equal([$"present-clip-{car.Id}", $"present-clip-{road.Id}", $"present-clip-{outro.Id}"], items.Select(i => i.Id));
        Assert.DoesNotContain(items, i => i.Id == $"present-clip-{alternate.Id}");

        var first = items[0];
        Assert.Equal("Shot 1: Car", first.Text("h2"));
        Assert.Equal("Time: 00:00:00:00 – 00:00:02:00 (2.0 s)", first.Text(".present-time"));
        Assert.Equal("Night drive", Fact(first, "Scene"));
        Assert.Equal("Chorus", Fact(first, "Section"));
        Assert.Equal("Close-up (CU)", Fact(first, "Shot size"));
        Assert.Equal("Dolly in", Fact(first, "Camera"));
        Assert.Equal("Headlights on the rain\nand nowhere to be", first.Text("blockquote.present-lyrics"));
        Assert.Equal("Notes: Hold on the driver's eyes.", first.Text(".present-notes"));
        var picture = first.QuerySelector<IHtmlImageElement>("figure img")!;
        Assert.Equal($"/Projects/{id}/Present/Clips/{car.Id}/draft.png", picture.GetAttribute("src"));
        Assert.Equal("Draft card of shot 1, Car", picture.AlternativeText);
        Assert.Equal("Shot 1 of 3: Car, 00:00:00:00", first.GetAttribute("data-announce"));
        Assert.Equal(("0", "50", scene.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (first.GetAttribute("data-start"), first.GetAttribute("data-end"), first.GetAttribute("data-scene")));

        Assert.Equal("Shot 2: Road", items[1].Text("h2"));
        Assert.Equal("Time: 00:00:04:00 – 00:00:06:00 (2.0 s)", items[1].Text(".present-time"));
        Assert.Null(items[1].QuerySelector(".present-lyrics"));
        Assert.Equal("Shot 3: Tail lights & \"fog\"", items[2].Text("h2"));
        Assert.Equal("", items[2].GetAttribute("data-scene"));
        Assert.Equal("Shot 3 of 3: Tail lights & \"fog\", 00:00:08:00", items[2].GetAttribute("data-announce"));

        var audio = page.QuerySelector<IHtmlAudioElement>("#presentation audio#present-audio")!;
        Assert.True(audio.HasAttribute("controls"));
        Assert.Equal($"/media/songs/{songId}/audio", audio.GetAttribute("src"));
        Assert.Equal("Song: song.mp3", audio.GetAttribute("aria-label"));
        Assert.Null(page.QuerySelector("#present-no-song"));
        // The player's controls wait for the script; the live region is there from the start, empty.
        Assert.True(page.QuerySelector("#present-controls")!.HasAttribute("hidden"));
        Assert.Equal(["Previous shot", "Play", "Next shot", "Shot 1", "Scene 2", "All shots 3", "Full screen F"],
            page.QuerySelectorAll("#present-controls button[type=button]").Select(b => b.TextContent.Trim()));
        Assert.Equal("polite", page.QuerySelector("#present-live")!.GetAttribute("aria-live"));
        Assert.Equal("", page.Text("#present-live"));
        Assert.Equal(("25", "1", "500"), (page.QuerySelector("#presentation")!.GetAttribute("data-rate-num"),
            page.QuerySelector("#presentation")!.GetAttribute("data-rate-den"), page.QuerySelector("#presentation")!.GetAttribute("data-length")));
        Assert.Equal($"/Projects/Dashboard/{id}", page.QuerySelector("#present-exit")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Chosen_images_and_videos_are_served_by_the_gallerys_own_addresses()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var still = await TimelineSeed.AddClipAsync(_factory, id, "Still", 0, 50);
        var moving = await TimelineSeed.AddClipAsync(_factory, id, "Moving", 50, 50);
        var copy = await TimelineSeed.AddClipAsync(_factory, id, "Copy", 100, 50);
        var stray = await TimelineSeed.AddClipAsync(_factory, id, "Stray", 150, 50);
        var image = await GallerySeed.AddAsync(_factory, id, still.Id, 7, set: g => g.ParametersJson = "{}");
        var poster = await GallerySeed.StoreAsync(_factory, GallerySeed.Png(90), ".png", "image/png");
        var video = await GallerySeed.AddAsync(_factory, id, moving.Id, 8, kind: OutputKind.Video, set: g => g.PosterHash = poster);
        await SetClipAsync(still.Id, c => { c.ChosenImageHash = image.MediaHash; c.ImagePrompt = "A fox under a street lamp"; });
        await SetClipAsync(moving.Id, c => c.ChosenVideoHash = video.MediaHash);
        // A duplicated clip shares its original's image: the original's gallery entry serves it.
        await SetClipAsync(copy.Id, c => c.ChosenImageHash = image.MediaHash);
        // A stored file chosen without any gallery entry has no address to serve it by: its Draft card stands in.
        var loose = await GallerySeed.StoreAsync(_factory, GallerySeed.Png(150), ".png", "image/png");
        await SetClipAsync(stray.Id, c => c.ChosenImageHash = loose);

        var page = await admin.GetDocumentAsync(Url(id));

        var items = Items(page);
        var img = items[0].QuerySelector<IHtmlImageElement>("figure img")!;
        Assert.Equal($"/media/generations/{image.Id}", img.GetAttribute("src"));
        Assert.Equal("A fox under a street lamp", img.AlternativeText);
        var player = items[1].QuerySelector<IHtmlVideoElement>("figure video")!;
        Assert.Equal($"/media/generations/{video.Id}", player.GetAttribute("src"));
        Assert.Equal($"/media/generations/{video.Id}/poster", player.GetAttribute("poster"));
        Assert.True(player.HasAttribute("muted") && player.HasAttribute("controls"));
        Assert.Equal("Picture of shot 2, Moving", player.GetAttribute("aria-label"));
        Assert.Equal($"/media/generations/{image.Id}", items[2].QuerySelector("figure img")!.GetAttribute("src"));
        Assert.Equal($"/Projects/{id}/Present/Clips/{stray.Id}/draft.png", items[3].QuerySelector("figure img")!.GetAttribute("src"));
        Assert.Equal("Draft card of shot 4, Stray", items[3].QuerySelector<IHtmlImageElement>("figure img")!.AlternativeText);

        var file = await admin.GetAsync(img.GetAttribute("src"));
        file.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_draft_card_is_a_png_at_the_projects_aspect_ratio_and_answers_304_when_unchanged()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var url = $"/Projects/{id}/Present/Clips/{clip.Id}/draft.png";

        var response = await admin.GetAsync(url);
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using (var card = Image.Load(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1280, 720), (card.Width, card.Height));
        }
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await admin.SendAsync(again)).AssertStatus(HttpStatusCode.NotModified);

        // An edited clip draws a new card: the old tag no longer matches.
        await SetClipAsync(clip.Id, c => c.Name = "Car at night");
        var edited = new HttpRequestMessage(HttpMethod.Get, url);
        edited.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await admin.SendAsync(edited)).AssertStatus(HttpStatusCode.OK);

        var other = await TimelineSeed.CreateProjectAsync(admin, name: "Other");
        (await admin.GetAsync($"/Projects/{other}/Present/Clips/{clip.Id}/draft.png")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/Projects/{id}/Present/Clips/99999/draft.png")).AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_project_without_a_song_says_so_and_offers_the_timeline()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);

        var page = await admin.GetDocumentAsync(Url(id));

        Assert.Contains("This project has no shots yet.", page.Text("#present-empty"));
        Assert.Equal($"/Projects/{id}/Timeline", page.QuerySelector("#present-empty a")!.GetAttribute("href"));
        Assert.Contains("no song yet", page.Text("#present-no-song"));
        Assert.Null(page.QuerySelector("#present-clips"));
        Assert.Null(page.QuerySelector("audio"));
        Assert.Null(page.QuerySelector("#present-controls"));
    }

    [Fact]
    public async Task A_project_without_a_song_still_lists_its_shots_without_a_player()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50);

        var page = await admin.GetDocumentAsync(Url(id));

        var item = Assert.Single(Items(page));
        Assert.Equal($"present-clip-{clip.Id}", item.Id);
        Assert.Equal("Time: 00:00:01:00 – 00:00:03:00 (2.0 s)", item.Text(".present-time"));
        Assert.NotNull(page.QuerySelector("#present-no-song"));
        Assert.Null(page.QuerySelector("audio"));
        // Without a song the cut ends with the last clip; the player's silent clock runs that long.
        Assert.Equal("75", page.QuerySelector("#presentation")!.GetAttribute("data-length"));
    }

    [Fact]
    public async Task A_viewer_may_present_but_anonymous_visitors_sign_in_first_and_missing_or_trashed_projects_are_not_found()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Roles.Viewer);

        var seen = await viewer.GetDocumentAsync(Url(id));
        Assert.Single(Items(seen));
        (await viewer.GetAsync($"/Projects/{id}/Present/Clips/{clip.Id}/draft.png")).AssertStatus(HttpStatusCode.OK);

        var stranger = _factory.CreateBrowserClient();
        var response = await stranger.GetAsync(Url(id));
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        var card = await stranger.GetAsync($"/Projects/{id}/Present/Clips/{clip.Id}/draft.png");
        Assert.Equal("/Account/Login", card.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotEqual("image/png", card.Content.Headers.ContentType?.MediaType);

        (await admin.GetAsync(Url(99999))).AssertStatus(HttpStatusCode.NotFound);
        await _factory.QueryAsync(async db =>
        {
            (await db.Projects.FindAsync(id))!.DeletedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        (await admin.GetAsync(Url(id))).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/Projects/{id}/Present/Clips/{clip.Id}/draft.png")).AssertStatus(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(1920, 1080, 1280, 720)]
    [InlineData(1080, 1920, 720, 1280)]
    [InlineData(3840, 2160, 1280, 720)]
    [InlineData(640, 480, 640, 480)]
    public void A_draft_card_keeps_the_projects_aspect_ratio_and_is_never_enlarged(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), Storyboard.Web.Pages.Present.DraftModel.Fit(width, height));
}
