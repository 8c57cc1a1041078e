namespace Storyboard.Web.Delivery.Animatic;

/// <summary>The DejaVu Sans the app ships (embedded), written once to the cache folder for ffmpeg's drawtext and libass.</summary>
public static class AnimaticFont
{
    public const string FileName = "DejaVuSans.ttf";
    public const string FamilyName = "DejaVu Sans";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The font file's full path, in <c>{cache}/fonts</c> (also the fonts folder for libass).</summary>
    public static async Task<string> FileAsync(string cacheFolder, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(cacheFolder, "fonts");
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            return path;
        }
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(folder);
                await using var resource = typeof(AnimaticFont).Assembly.GetManifestResourceStream("Storyboard.Web.Fonts." + FileName)
                    ?? throw new InvalidOperationException($"The embedded font {FileName} is missing from the build.");
                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await using (var file = File.Create(temp))
                {
                    await resource.CopyToAsync(file, cancellationToken);
                }
                File.Move(temp, path, overwrite: true);
            }
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }
}
