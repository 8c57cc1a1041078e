using System.Net;
using AngleSharp.Html.Dom;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Models;

/// <summary>
/// Discovery: a ComfyUI server's catalogue is read when it comes online; the model browser lists its models by type,
/// searchable, each with a family detected from folder and name that an editor can set.
/// </summary>
public sealed class ModelBrowserTests : IAsyncLifetime
{
    private readonly StoryboardFactory _factory = new();
    private FakeComfyUi _comfy = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _comfy = await new FakeComfyUi().StartAsync();
        _comfy.Options.SetModels("checkpoints", "sd_xl_base_1.0.safetensors", "realisticVisionV60B1.safetensors", "ponyDiffusionV6XL.safetensors");
        _comfy.Options.SetModels("diffusion_models", "wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors", "flux1-dev.safetensors");
        _comfy.Options.SetModels("loras", "SDXL/pixel_art.safetensors");
        _admin = await _factory.CreateAdminClientAsync();
        var form = await _admin.GetDocumentAsync("/Servers/Edit");
        await _admin.SubmitAsync(form.Form("#server-form"), new Dictionary<string, string> { ["Input.Name"] = "Studio", ["Input.BaseUrl"] = _comfy.BaseAddress.ToString() });
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _comfy.DisposeAsync();
    }

    private static Dictionary<string, string> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("#model-list tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(),
            r => r.QuerySelectorAll("td")[0].TextContent.Trim() + " | " + (r.QuerySelector("select option[selected]") ?? r.QuerySelector("select option"))!.TextContent.Trim());

    [Fact]
    public async Task The_servers_models_are_listed_by_type_with_the_family_their_names_suggest()
    {
        var page = await _admin.GetDocumentAsync("/Models");
        var rows = Rows(page);
        Assert.Equal("Checkpoint | SDXL (detected)", rows["sd_xl_base_1.0.safetensors"]);
        Assert.Equal("Checkpoint | Pony / Illustrious (detected)", rows["ponyDiffusionV6XL.safetensors"]);
        Assert.Equal("Checkpoint | Unknown (detected)", rows["realisticVisionV60B1.safetensors"]);
        Assert.Equal("Diffusion model | Wan 2.2 (detected)", rows["wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors"]);
        Assert.Equal("LoRA | SDXL (detected)", rows["SDXL/pixel_art.safetensors"]);
        Assert.Contains("Studio", page.QuerySelector("#model-list tbody tr td:last-child")!.TextContent);
        Assert.NotNull(page.QuerySelector("#nav-models[aria-current=page]"));
    }

    [Fact]
    public async Task Type_and_search_narrow_the_list_and_the_fragment_answers_htmx()
    {
        var checkpoints = Rows(await _admin.GetDocumentAsync("/Models?kind=Checkpoint&q=xl"));
        Assert.Equal(["ponyDiffusionV6XL.safetensors", "sd_xl_base_1.0.safetensors"], checkpoints.Keys.Order());

        var request = new HttpRequestMessage(HttpMethod.Get, "/Models?kind=Lora");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", "model-list");
        var fragment = await Html.ParseAsync(await _admin.SendAsync(request));
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Equal(["SDXL/pixel_art.safetensors"], Rows(fragment).Keys);
        Assert.Equal("1 model", fragment.Text("#model-list-heading"));
    }

    [Fact]
    public async Task An_editor_sets_the_family_of_a_model_whose_name_says_nothing_and_can_go_back_to_detection()
    {
        var page = await _admin.GetDocumentAsync("/Models?q=realistic");
        var form = page.QuerySelector<IHtmlButtonElement>("#model-list button")!.Form!;
        var set = await Html.ParseAsync(await _admin.SubmitAsync(form, new Dictionary<string, string> { ["family"] = "Sd15" }));
        Assert.Equal("The family is now SD 1.5.", set.Text("#flash"));
        Assert.Equal("Checkpoint | SD 1.5", Rows(set)["realisticVisionV60B1.safetensors"]);
        Assert.Contains("q=realistic", set.Url);

        var back = await Html.ParseAsync(await _admin.SubmitAsync(set.QuerySelector<IHtmlButtonElement>("#model-list button")!.Form!,
            new Dictionary<string, string> { ["family"] = "detect" }));
        Assert.Equal("Checkpoint | Unknown (detected)", Rows(back)["realisticVisionV60B1.safetensors"]);
    }

    [Fact]
    public async Task A_viewer_browses_but_cannot_set_families()
    {
        var viewer = await _factory.CreateUserClientAsync(_admin, "vera", Roles.Viewer);
        var page = await viewer.GetDocumentAsync("/Models");
        Assert.Contains("sd_xl_base_1.0.safetensors", page.Text("#model-list"));
        Assert.Null(page.QuerySelector("#model-list form"));
        var posted = await viewer.PostAsync("/Models?handler=Family", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["modelKey"] = "checkpoints/sd_xl_base_1.0.safetensors", ["family"] = "Flux", ["__RequestVerificationToken"] = page.AntiforgeryToken(),
        }));
        posted.AssertStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_model_copied_onto_the_server_appears_after_check_now_and_a_removed_server_takes_its_models_away()
    {
        _comfy.Options.SetModels("checkpoints", "sd_xl_base_1.0.safetensors", "juggernautXL_v9.safetensors");
        var servers = await _admin.GetDocumentAsync("/Servers");
        await _admin.SubmitAsync(servers.Form("form:has([id^=check-server-])"));
        Assert.Contains("juggernautXL_v9.safetensors", Rows(await _admin.GetDocumentAsync("/Models")).Keys);

        await _admin.SubmitAsync((await _admin.GetDocumentAsync("/Servers")).Form("form:has([id^=delete-server-])"));
        Assert.Empty(Rows(await _admin.GetDocumentAsync("/Models")));
    }
}
