using CsCheck;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Presets;

namespace Storyboard.Tests.Generation;

public sealed class PresetTableTests
{
    public static TheoryData<ModelFamily, PresetMode> FamiliesAndModes()
    {
        var data = new TheoryData<ModelFamily, PresetMode>();
        foreach (var family in ModelFamilies.Known)
        {
            data.Add(family, PresetMode.Fast);
            data.Add(family, PresetMode.Quality);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FamiliesAndModes))]
    public void Every_preset_names_a_sampler_and_scheduler_ComfyUI_offers(ModelFamily family, PresetMode mode)
    {
        var catalog = Fixtures.Catalog();
        var preset = PresetTable.Get(family, mode);
        Assert.Contains(preset.Sampler, catalog.Samplers);
        Assert.Contains(preset.Scheduler, catalog.Schedulers);
        Assert.InRange(preset.Steps, 1, 150);
        Assert.InRange(preset.Cfg, 1, 30);
    }

    [Theory]
    [MemberData(nameof(FamiliesAndModes))]
    public void Video_presets_have_valid_lengths_and_image_presets_none(ModelFamily family, PresetMode mode)
    {
        var traits = ModelFamilies.Traits(family);
        var preset = PresetTable.Get(family, mode);
        if (traits.MakesVideo)
        {
            Assert.True(traits.IsValidFrameCount(preset.Frames), $"{preset.Frames} frames");
            Assert.InRange(preset.Fps, 8, 30);
        }
        else
        {
            Assert.Equal(0, preset.Frames);
        }
    }

    [Fact]
    public void Flux_uses_guidance_with_cfg_one_and_wan_runs_at_sixteen_fps()
    {
        Assert.All(PresetTable.All.Where(p => p.Family == ModelFamily.Flux), p => Assert.Equal((1.0, 3.5), (p.Cfg, p.Guidance!.Value)));
        Assert.All(PresetTable.All.Where(p => p.Family is ModelFamily.Wan21 or ModelFamily.Wan22), p => Assert.Equal(16, p.Fps));
        Assert.All(PresetTable.All.Where(p => p.Family != ModelFamily.Flux), p => Assert.Null(p.Guidance));
    }

    [Fact]
    public void Each_known_family_has_exactly_one_fast_and_one_quality_preset() =>
        Assert.All(ModelFamilies.Known, f => Assert.Equal(
            [PresetMode.Fast, PresetMode.Quality], PresetTable.All.Where(p => p.Family == f).Select(p => p.Mode).Order()));

    [Theory]
    [MemberData(nameof(FamiliesAndModes))]
    public void Buckets_are_multiples_the_family_needs(ModelFamily family, PresetMode _)
    {
        var multiple = ModelFamilies.Traits(family).SizeMultiple;
        var buckets = PresetTable.Buckets(family);
        Assert.NotEmpty(buckets);
        Assert.Equal(buckets[0].Width, buckets[0].Height);
        Assert.All(buckets, b => Assert.True(b.Width % multiple == 0 && b.Height % multiple == 0, $"{b} for {family}"));
        Assert.Equal(buckets.Count, buckets.Distinct().Count());
    }

    [Theory]
    [InlineData(ModelFamily.Sdxl, 16, 9, 1344, 768)]
    [InlineData(ModelFamily.Sdxl, 9, 16, 768, 1344)]
    [InlineData(ModelFamily.Sdxl, 1, 1, 1024, 1024)]
    [InlineData(ModelFamily.Sdxl, 1920, 1080, 1344, 768)]
    [InlineData(ModelFamily.Sdxl, 21, 9, 1536, 640)]
    [InlineData(ModelFamily.Sdxl, 4, 3, 1152, 896)]
    [InlineData(ModelFamily.Sd15, 16, 9, 768, 432)]
    [InlineData(ModelFamily.Flux, 2, 3, 832, 1216)]
    [InlineData(ModelFamily.Wan22, 16, 9, 832, 480)]
    [InlineData(ModelFamily.Wan21, 9, 16, 480, 832)]
    [InlineData(ModelFamily.QwenImage, 16, 9, 1664, 928)]
    [InlineData(ModelFamily.LtxVideo, 3, 2, 768, 512)]
    public void The_bucket_nearest_the_project_aspect_is_picked(ModelFamily family, int w, int h, int bucketW, int bucketH) =>
        Assert.Equal(new Bucket(bucketW, bucketH), PresetTable.BucketFor(family, w, h));

    [Fact]
    public void A_bucket_is_never_farther_in_aspect_than_any_other_bucket()
    {
        Gen.Select(Gen.Int[1, 4000], Gen.Int[1, 4000], Gen.Int[0, ModelFamilies.Known.Count - 1].Select(i => ModelFamilies.Known[i]))
            .Sample((w, h, family) =>
            {
                var picked = PresetTable.BucketFor(family, w, h);
                var distance = Math.Abs(Math.Log(picked.Aspect) - Math.Log((double)w / h));
                return PresetTable.Buckets(family).All(b => Math.Abs(Math.Log(b.Aspect) - Math.Log((double)w / h)) >= distance - 1e-12);
            });
    }

    [Fact]
    public void Unknown_models_fall_back_to_the_sdxl_preset() =>
        Assert.Equal(PresetTable.Get(ModelFamily.Sdxl, PresetMode.Quality), PresetTable.Get(ModelFamily.Unknown, PresetMode.Quality));
}
