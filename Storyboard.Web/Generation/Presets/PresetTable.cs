using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Presets;

/// <summary>
/// The one table of generation defaults: per family a Fast and a Quality preset, and the family's resolution
/// buckets. Every sampler and scheduler name here is a real ComfyUI name (tests check them against KSampler's lists).
/// Wan 2.2 rows are for the 14B high/low-noise pair; the 5B TI2V model runs at 24 fps, 1280×704, 121 frames.
/// </summary>
public static class PresetTable
{
    const string PonyNegative = "score_4, score_5, score_6, low quality, blurry, distorted";

    static readonly GenerationPreset[] Presets =
    [
        new(ModelFamily.Sd15, PresetMode.Fast, 20, 7.0, "euler_ancestral", "normal", Negative: "low quality, blurry"),
        new(ModelFamily.Sd15, PresetMode.Quality, 30, 7.0, "dpmpp_2m", "karras", Negative: "low quality, blurry"),
        new(ModelFamily.Sdxl, PresetMode.Fast, 20, 6.0, "dpmpp_2m", "karras"),
        new(ModelFamily.Sdxl, PresetMode.Quality, 35, 7.0, "dpmpp_2m_sde", "karras"),
        new(ModelFamily.PonyIllustrious, PresetMode.Fast, 20, 6.0, "euler_ancestral", "normal", ClipSkip: -2, Negative: PonyNegative),
        new(ModelFamily.PonyIllustrious, PresetMode.Quality, 30, 7.0, "dpmpp_2m_sde", "karras", ClipSkip: -2, Negative: PonyNegative),
        new(ModelFamily.Sd35, PresetMode.Fast, 20, 4.0, "euler", "sgm_uniform", Shift: 3.0),
        new(ModelFamily.Sd35, PresetMode.Quality, 40, 4.5, "dpmpp_2m", "sgm_uniform", Shift: 3.0),
        new(ModelFamily.Flux, PresetMode.Fast, 12, 1.0, "euler", "simple", Guidance: 3.5),
        new(ModelFamily.Flux, PresetMode.Quality, 28, 1.0, "euler", "beta", Guidance: 3.5),
        new(ModelFamily.HiDream, PresetMode.Fast, 30, 5.0, "uni_pc", "simple", Shift: 3.0),
        new(ModelFamily.HiDream, PresetMode.Quality, 50, 5.0, "uni_pc", "simple", Shift: 3.0),
        new(ModelFamily.QwenImage, PresetMode.Fast, 15, 2.5, "euler", "simple", Shift: 3.1),
        new(ModelFamily.QwenImage, PresetMode.Quality, 30, 4.0, "euler", "simple", Shift: 3.1),
        new(ModelFamily.Wan21, PresetMode.Fast, 20, 6.0, "uni_pc", "simple", Shift: 8.0, Frames: 33, Fps: 16),
        new(ModelFamily.Wan21, PresetMode.Quality, 30, 6.0, "uni_pc", "simple", Shift: 8.0, Frames: 81, Fps: 16),
        new(ModelFamily.Wan22, PresetMode.Fast, 16, 3.5, "euler", "simple", Shift: 8.0, Frames: 49, Fps: 16),
        new(ModelFamily.Wan22, PresetMode.Quality, 20, 3.5, "euler", "simple", Shift: 8.0, Frames: 81, Fps: 16),
        new(ModelFamily.LtxVideo, PresetMode.Fast, 20, 3.0, "euler", "normal", Frames: 65, Fps: 24),
        new(ModelFamily.LtxVideo, PresetMode.Quality, 30, 3.0, "euler", "normal", Frames: 97, Fps: 24),
    ];

    static readonly Bucket[] SdxlBuckets =
        [new(1024, 1024), new(1152, 896), new(896, 1152), new(1216, 832), new(832, 1216), new(1344, 768), new(768, 1344), new(1536, 640), new(640, 1536)];

    static readonly Dictionary<ModelFamily, Bucket[]> BucketsByFamily = new()
    {
        [ModelFamily.Sd15] = [new(512, 512), new(576, 448), new(448, 576), new(768, 512), new(512, 768), new(768, 432), new(432, 768)],
        [ModelFamily.Sdxl] = SdxlBuckets,
        [ModelFamily.PonyIllustrious] = SdxlBuckets,
        [ModelFamily.Sd35] = SdxlBuckets,
        [ModelFamily.Flux] = SdxlBuckets,
        [ModelFamily.HiDream] = SdxlBuckets,
        [ModelFamily.QwenImage] = [new(1328, 1328), new(1664, 928), new(928, 1664), new(1472, 1104), new(1104, 1472), new(1584, 1056), new(1056, 1584)],
        [ModelFamily.Wan21] = [new(624, 624), new(832, 480), new(480, 832), new(720, 544), new(544, 720)],
        [ModelFamily.Wan22] = [new(640, 640), new(832, 480), new(480, 832), new(736, 544), new(544, 736)],
        [ModelFamily.LtxVideo] = [new(640, 640), new(768, 512), new(512, 768), new(768, 448), new(448, 768)],
    };

    /// <summary>Every preset in the table.</summary>
    public static IReadOnlyList<GenerationPreset> All => Presets;

    /// <summary>The preset for a family and mode; Unknown families get the SDXL preset (the most common checkpoint).</summary>
    public static GenerationPreset Get(ModelFamily family, PresetMode mode)
    {
        var lookup = family == ModelFamily.Unknown ? ModelFamily.Sdxl : family;
        return Presets.Single(p => p.Family == lookup && p.Mode == mode);
    }

    /// <summary>The family's resolution buckets, square first.</summary>
    public static IReadOnlyList<Bucket> Buckets(ModelFamily family) =>
        BucketsByFamily.TryGetValue(family, out var buckets) ? buckets : SdxlBuckets;

    /// <summary>
    /// The bucket whose aspect ratio is nearest the project's (<paramref name="aspectWidth"/>:<paramref name="aspectHeight"/>,
    /// e.g. 16:9 or 1920:1080), compared on a log scale so 2:1 and 1:2 are equally far from 1:1.
    /// </summary>
    public static Bucket BucketFor(ModelFamily family, int aspectWidth, int aspectHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aspectWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aspectHeight);
        var target = Math.Log((double)aspectWidth / aspectHeight);
        return Buckets(family).MinBy(b => Math.Abs(Math.Log(b.Aspect) - target));
    }
}
