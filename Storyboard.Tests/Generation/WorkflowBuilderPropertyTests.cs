using System.Globalization;
using CsCheck;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Presets;

namespace Storyboard.Tests.Generation;

/// <summary>Random requests within what each family supports always make a graph the fake server accepts.</summary>
public sealed class WorkflowBuilderPropertyTests
{
    static readonly ObjectInfoCatalog Catalog = Fixtures.Catalog();

    [Fact]
    public void Any_supported_request_with_any_seed_loras_batch_and_upscale_validates()
    {
        var families = ModelFamilies.Known;
        var gen =
            from familyIndex in Gen.Int[0, families.Count - 1]
            from kindIndex in Gen.Int[0, 1]
            from mode in Gen.Enum<PresetMode>()
            from seed in Gen.ULong
            from loraCount in Gen.Int[0, 5]
            from batch in Gen.Int[1, 4]
            from upscale in Gen.Int[0, 2]
            from aspectW in Gen.Int[1, 32]
            from aspectH in Gen.Int[1, 32]
            from webp in Gen.Bool
            select (families[familyIndex], kindIndex, mode, seed, loraCount, batch, upscale, aspectW, aspectH, webp);
        gen.Sample(t =>
        {
            var (family, kindIndex, mode, seed, loraCount, batch, upscale, aspectW, aspectH, webp) = t;
            var kind = ModelFamilies.Traits(family).Kinds[kindIndex];
            var bucket = PresetTable.BucketFor(family, aspectW, aspectH);
            var request = Fixtures.Request(family, kind, mode, seed) with
            {
                Width = bucket.Width, Height = bucket.Height, BatchSize = batch,
                Loras = [.. Fixtures.LoraFiles.Take(loraCount).Select(f => new LoraUse(f, 0.8, 0.8))],
                Upscale = upscale switch { 1 => new(1.5), 2 => new(2, "RealESRGAN_x2plus.pth"), _ => null },
                VideoOutput = webp ? VideoOutput.AnimatedWebp : VideoOutput.Mp4,
            };
            var built = WorkflowBuilder.Build(request);
            var problems = built.Validate(Catalog);
            return problems.Count == 0 && built.ToJson().Contains(seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
    }
}
