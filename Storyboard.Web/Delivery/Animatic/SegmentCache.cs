namespace Storyboard.Web.Delivery.Animatic;

/// <summary>
/// Encoded segments under <c>{renders}/segments</c>, named by their key. Each render records the keys it used; segments
/// that none of the latest <see cref="KeptRenders"/> renders used are deleted.
/// </summary>
public sealed class SegmentCache(string folder)
{
    public const int KeptRenders = 8;

    public string Folder { get; } = folder;
    private string UsedFolder => Path.Combine(Folder, "used");

    public string PathFor(string key, string extension = ".mp4") => Path.Combine(Folder, key + extension);

    public bool Has(string key, string extension = ".mp4") => File.Exists(PathFor(key, extension)) && new FileInfo(PathFor(key, extension)).Length > 0;

    /// <summary>Moves a finished temporary file into the cache under its key.</summary>
    public string Store(string tempPath, string key, string extension = ".mp4")
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(key, extension);
        File.Move(tempPath, path, overwrite: true);
        return path;
    }

    /// <summary>Records the files a render used, then deletes cached files no recent render used.</summary>
    public void RecordAndPrune(IEnumerable<string> fileNames)
    {
        Directory.CreateDirectory(UsedFolder);
        var stamp = DateTime.UtcNow.Ticks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllLines(Path.Combine(UsedFolder, $"{stamp}-{Guid.NewGuid():N}.txt"), fileNames);
        var lists = new DirectoryInfo(UsedFolder).GetFiles("*.txt").OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList();
        foreach (var old in lists.Skip(KeptRenders))
        {
            old.Delete();
        }
        var kept = lists.Take(KeptRenders).SelectMany(f => File.ReadAllLines(f.FullName)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(Folder).GetFiles())
        {
            // Files still being written by another render are younger than a minute; leave them.
            if (!kept.Contains(file.Name) && file.LastWriteTimeUtc < DateTime.UtcNow.AddMinutes(-1))
            {
                file.Delete();
            }
        }
    }
}
