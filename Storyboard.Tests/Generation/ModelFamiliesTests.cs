using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

public sealed class ModelFamiliesTests
{
    [Theory]
    [InlineData("checkpoints/ponyDiffusionV6XL.safetensors", ModelFamily.PonyIllustrious)]
    [InlineData("checkpoints/illustriousXL_v01.safetensors", ModelFamily.PonyIllustrious)]
    [InlineData("checkpoints/noobaiXLNAIXL_vPred10.safetensors", ModelFamily.PonyIllustrious)]
    [InlineData("diffusion_models/wan2.2_t2v_high_noise_14B_fp8.safetensors", ModelFamily.Wan22)]
    [InlineData("diffusion_models/wan2.2_ti2v_5B_fp16.safetensors", ModelFamily.Wan22)]
    [InlineData("unet/Wan2_2-I2V-A14B-LOW_fp8.safetensors", ModelFamily.Wan22)]
    [InlineData("diffusion_models/wan2.1_i2v_480p_14B_fp16.safetensors", ModelFamily.Wan21)]
    [InlineData("checkpoints/flux1-dev-fp8.safetensors", ModelFamily.Flux)]
    [InlineData("diffusion_models/flux1-schnell.safetensors", ModelFamily.Flux)]
    [InlineData("checkpoints/sd_xl_base_1.0.safetensors", ModelFamily.Sdxl)]
    [InlineData("checkpoints/sd_xl_refiner_1.0.safetensors", ModelFamily.Sdxl)]
    [InlineData("checkpoints/juggernautXL_v9Rundiffusionphoto2.safetensors", ModelFamily.Sdxl)]
    [InlineData("checkpoints\\SDXL\\dreamshaper.safetensors", ModelFamily.Sdxl)]
    [InlineData("checkpoints/v1-5-pruned-emaonly.safetensors", ModelFamily.Sd15)]
    [InlineData("checkpoints/v1-5-pruned-emaonly.ckpt", ModelFamily.Sd15)]
    [InlineData("checkpoints/sd15/realisticVision.safetensors", ModelFamily.Sd15)]
    [InlineData("checkpoints/sd3.5_large_fp8_scaled.safetensors", ModelFamily.Sd35)]
    [InlineData("diffusion_models/sd3.5_medium.safetensors", ModelFamily.Sd35)]
    [InlineData("diffusion_models/hidream_i1_full_fp8.safetensors", ModelFamily.HiDream)]
    [InlineData("diffusion_models/qwen_image_fp8_e4m3fn.safetensors", ModelFamily.QwenImage)]
    [InlineData("checkpoints/ltx-video-2b-v0.9.5.safetensors", ModelFamily.LtxVideo)]
    [InlineData("checkpoints/realisticVisionV60B1_v60B1VAE.safetensors", ModelFamily.Unknown)]
    public void A_model_path_is_detected_as_its_family(string path, ModelFamily expected) =>
        Assert.Equal(expected, ModelFamilies.Detect(path));

    [Theory]
    [InlineData("swan_lake_style.safetensors")]
    [InlineData("taiwan_street.safetensors")]
    [InlineData("axle_grease.safetensors")]
    [InlineData("umt5_xxl_fp8_e4m3fn_scaled.safetensors")]
    public void Words_that_merely_contain_a_family_name_are_not_detected(string file) =>
        Assert.Equal(ModelFamily.Unknown, ModelFamilies.Detect("loras", file));

    [Fact]
    public void A_video_model_named_only_by_its_task_in_diffusion_models_is_taken_for_wan()
    {
        Assert.Equal(ModelFamily.Wan21, ModelFamilies.Detect("diffusion_models", "my_t2v_14B.safetensors"));
        Assert.Equal(ModelFamily.Unknown, ModelFamilies.Detect("checkpoints", "my_t2v_14B.safetensors"));
    }

    [Fact]
    public void Image_and_video_families_and_their_loaders_are_stated()
    {
        Assert.All([ModelFamily.Wan21, ModelFamily.Wan22, ModelFamily.LtxVideo], f => Assert.Equal(MediaKind.Video, ModelFamilies.Traits(f).Makes));
        Assert.All([ModelFamily.Sd15, ModelFamily.Sdxl, ModelFamily.PonyIllustrious, ModelFamily.Sd35, ModelFamily.Flux, ModelFamily.HiDream, ModelFamily.QwenImage],
            f => Assert.Equal(MediaKind.Image, ModelFamilies.Traits(f).Makes));
        Assert.All([ModelFamily.Sd15, ModelFamily.Sdxl, ModelFamily.PonyIllustrious],
            f => Assert.Equal(ModelLoader.Checkpoint, ModelFamilies.Traits(f).Loader));
        Assert.All([ModelFamily.Flux, ModelFamily.HiDream, ModelFamily.QwenImage, ModelFamily.Wan21, ModelFamily.Wan22, ModelFamily.Sd35],
            f => Assert.Equal(ModelLoader.DiffusionModel, ModelFamilies.Traits(f).Loader));
        Assert.Equal("wan", ModelFamilies.Traits(ModelFamily.Wan22).ClipType);
        Assert.Equal(2, ModelFamilies.Traits(ModelFamily.Flux).TextEncoderCount);
    }

    [Theory]
    [InlineData(ModelFamily.Wan22, 81, true)]
    [InlineData(ModelFamily.Wan22, 33, true)]
    [InlineData(ModelFamily.Wan21, 14, false)]
    [InlineData(ModelFamily.Wan21, 80, false)]
    [InlineData(ModelFamily.LtxVideo, 97, true)]
    [InlineData(ModelFamily.LtxVideo, 81, true)]
    [InlineData(ModelFamily.LtxVideo, 85, false)]
    [InlineData(ModelFamily.Sdxl, 1, false)]
    public void Video_lengths_follow_the_family_rule(ModelFamily family, int frames, bool valid) =>
        Assert.Equal(valid, ModelFamilies.Traits(family).IsValidFrameCount(frames));

    [Fact]
    public void The_nearest_valid_length_is_offered_for_a_wrong_one()
    {
        Assert.Equal(13, ModelFamilies.Traits(ModelFamily.Wan21).NearestValidFrameCount(14));
        Assert.Equal(81, ModelFamilies.Traits(ModelFamily.Wan22).NearestValidFrameCount(80));
        Assert.Equal(1, ModelFamilies.Traits(ModelFamily.Wan22).NearestValidFrameCount(0));
    }
}
