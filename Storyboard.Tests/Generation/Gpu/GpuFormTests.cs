using System.Net;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>The clip panel's GPU form: what it offers, what it refuses, and what it remembers.</summary>
public sealed class GpuFormTests
{
    [Fact]
    public async Task The_form_lists_each_servers_models_by_family_and_refuses_a_bad_seed_beside_the_field()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var url = $"/Projects/{bed.ProjectId}/Timeline?clip={bed.ClipId}";
        var page = await bed.Admin.GetDocumentAsync(url);

        var groups = page.QuerySelectorAll("#gpu-model optgroup").Select(g => g.GetAttribute("label")).ToList();
        Assert.Contains("SDXL", groups);
        Assert.Contains("Wan 2.2 (video)", groups);
        Assert.Contains("sd_xl_base_1.0.safetensors (Studio)", page.QuerySelector("#gpu-model optgroup[label='SDXL']")!.TextContent);
        Assert.Equal("Studio (online)", page.QuerySelector("#gpu-serverid option[value]:not([value=''])")!.TextContent);

        var headers = new Dictionary<string, string> { ["HX-Request"] = "true", ["RequestVerificationToken"] = page.AntiforgeryToken() };
        var refused = await bed.Admin.SubmitAsync(page.Form("#gpu-form"), new Dictionary<string, string>
        {
            ["Gpu.Model"] = GpuTestBed.SdxlKey, ["Gpu.Seed"] = "18446744073709551616",
        }, headers: headers);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var section = await Html.ParseAsync(refused);
        Assert.StartsWith("A seed is a whole number from 0 to 18446744073709551615", section.Text("#gpu-seed-error"));
        Assert.Equal("true", section.QuerySelector("#gpu-seed")!.GetAttribute("aria-invalid"));
        Assert.Equal("18446744073709551616", section.QuerySelector("#gpu-seed")!.GetAttribute("value"));
        Assert.Equal(0, await bed.Factory.QueryAsync(db => db.GenerationJobs.CountAsync()));
    }

    [Fact]
    public async Task A_queued_job_keeps_the_choices_and_the_next_form_starts_from_them()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio");
        var url = $"/Projects/{bed.ProjectId}/Timeline?clip={bed.ClipId}";
        var page = await bed.Admin.GetDocumentAsync(url);

        await bed.Admin.SubmitAsync(page.Form("#gpu-form"), new Dictionary<string, string>
        {
            ["Gpu.Model"] = GpuTestBed.SdxlKey, ["Gpu.ServerId"] = serverId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gpu.Mode"] = "Quality", ["Gpu.Seed"] = "12345", ["Gpu.Count"] = "2", ["Gpu.Steps"] = "12", ["Gpu.Lora"] = "detail_tweaker_xl.safetensors",
            ["Gpu.LoraStrength"] = "0.5",
        });

        var jobs = await bed.Factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((serverId, OutputKind.Image), (j.RequestedServerId, j.Kind)));
        var parameters = jobs.Select(j => Storyboard.Web.Generation.Queue.GenerationParameters.FromJson(j.ParametersJson)).ToList();
        Assert.Equal([12345UL, 12346UL], parameters.Select(p => p.Seed));
        Assert.All(parameters, p => Assert.Equal((12, "detail_tweaker_xl.safetensors", 0.5), (p.Steps, p.Loras.Single().Name, p.Loras.Single().Strength)));
        Assert.All(parameters, p => Assert.Equal(Storyboard.Web.Generation.Models.ModelFamily.Sdxl, p.Family));
        Assert.All(await Task.WhenAll(jobs.Select(j => bed.WaitAsync(j.Id))), j => Assert.Equal(JobStatus.Completed, j.Status));

        var again = await bed.Admin.GetDocumentAsync(url);
        Assert.Equal(GpuTestBed.SdxlKey, again.QuerySelector("#gpu-model option[selected]")?.GetAttribute("value"));
        Assert.NotNull(again.QuerySelector("input[name='Gpu.Mode'][value='Quality'][checked]"));
        Assert.Equal("12", again.QuerySelector("#gpu-steps")!.GetAttribute("value"));
        Assert.Contains("\"LoraLoader\"", comfy.PromptsReceived.First().ToJsonString());
    }

    [Fact]
    public async Task Without_a_server_the_admin_is_pointed_to_the_servers_page()
    {
        await using var bed = await GpuTestBed.StartAsync();

        var page = await bed.Admin.GetDocumentAsync($"/Projects/{bed.ProjectId}/Timeline?clip={bed.ClipId}");

        Assert.Null(page.QuerySelector("#gpu-form"));
        Assert.Equal("/Servers", page.QuerySelector("#clip-generations a[href='/Servers']")?.GetAttribute("href"));
    }
}
