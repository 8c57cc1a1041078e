using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>Jobs that need more than a checkpoint: split diffusion models with their companion files, and image to video from the clip's chosen still.</summary>
public sealed class VideoAndCompanionTests
{
    [Fact]
    public async Task A_flux_diffusion_model_gets_its_text_encoders_and_vae_from_the_servers_catalogue()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(new GenerationParameters { Model = "diffusion_models/flux1-dev.safetensors" })).Single());

        Assert.Equal((JobStatus.Completed, null), (job.Status, job.Error));
        Assert.Contains("\"t5xxl_fp8_e4m3fn.safetensors\"", job.GraphJson);
        Assert.Contains("\"clip_l.safetensors\"", job.GraphJson);
        Assert.Contains("\"ae.safetensors\"", job.GraphJson);
        Assert.Contains("\"flux\"", job.GraphJson);
    }

    [Fact]
    public async Task Image_to_video_uploads_the_chosen_still_and_keeps_the_video_with_a_poster_and_a_preview()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        await bed.WaitAsync((await bed.EnqueueOkAsync(new GenerationParameters { Model = GpuTestBed.SdxlKey })).Single());
        var still = Assert.Single(await bed.GalleryAsync());
        await bed.Factory.QueryAsync(db => db.Clips.Where(c => c.Id == bed.ClipId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ChosenImageHash, still.MediaHash)));

        var jobId = (await bed.EnqueueOkAsync(new GenerationParameters
        {
            Model = "diffusion_models/wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors", Kind = GenerationKind.ImageToVideo,
        })).Single();
        var job = await bed.WaitAsync(jobId, TimeSpan.FromSeconds(60));

        Assert.Equal((JobStatus.Completed, null, OutputKind.Video), (job.Status, job.Error, job.Kind));
        var upload = Assert.Single(comfy.UploadsReceived);
        Assert.StartsWith("storyboard-" + still.MediaHash[..16], Path.GetFileName(upload.Path));
        Assert.Contains("wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors", job.GraphJson);
        Assert.Contains("umt5_xxl_fp8_e4m3fn_scaled.safetensors", job.GraphJson);
        Assert.Contains("slow push in on the rooftop", job.GraphJson);
        var video = (await bed.GalleryAsync()).Single(g => g.JobId == jobId);
        Assert.Equal(OutputKind.Video, video.Kind);
        Assert.True(video.Width > 0 && video.Height > 0);
        Assert.NotNull(video.PosterHash);
        Assert.NotNull(video.PreviewHash);
        var poster = await bed.Factory.QueryAsync(db => db.MediaFiles.AsNoTracking().SingleAsync(m => m.Hash == video.PosterHash));
        Assert.Equal("image/jpeg", poster.ContentType);
    }

    [Theory]
    [InlineData(FakeOutputKind.AnimatedWebp, false)]
    [InlineData(FakeOutputKind.VhsGifs, true)]
    [InlineData(FakeOutputKind.Video, true)]
    public async Task Animated_and_video_outputs_are_kept_as_videos_with_a_poster(FakeOutputKind output, bool preview)
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        comfy.Options.OutputKind = output;
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(new GenerationParameters { Model = GpuTestBed.SdxlKey })).Single(), TimeSpan.FromSeconds(60));

        Assert.Equal((JobStatus.Completed, null), (job.Status, job.Error));
        var generation = Assert.Single(await bed.GalleryAsync());
        Assert.Equal(OutputKind.Video, generation.Kind);
        Assert.NotNull(generation.PosterHash);
        Assert.Equal(preview, generation.PreviewHash is not null);
    }
}
