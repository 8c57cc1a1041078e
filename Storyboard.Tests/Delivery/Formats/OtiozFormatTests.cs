using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Data;
using Storyboard.Web.Delivery;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>The .otioz bundle of a real project: its media from the media store, Draft cards where there is none.</summary>
public sealed class OtiozFormatTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _sources;

    public OtiozFormatTests() => _sources = Directory.CreateDirectory(Path.Combine(_factory.Folder, "sources")).FullName;

    public void Dispose() => _factory.Dispose();

    /// <summary>Stores a file in the media folder under its hash, as the media store does, and records it.</summary>
    private async Task<string> StoreAsync(string path, string contentType, bool keepFile = true)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var relative = Path.Combine(hash[..2], hash + Path.GetExtension(path));
        if (keepFile)
        {
            Directory.CreateDirectory(Path.Combine(_factory.MediaFolder, hash[..2]));
            await File.WriteAllBytesAsync(Path.Combine(_factory.MediaFolder, relative), bytes);
        }
        await _factory.QueryAsync(async db =>
        {
            db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = relative, ContentType = contentType, SizeBytes = bytes.Length });
            return await db.SaveChangesAsync();
        });
        return hash;
    }

    private async Task<int> ClipAsync(int projectId, int sceneId, string name, long start, long length, TransitionKind transition = TransitionKind.Cut, int frames = 0)
    {
        var result = await _factory.TimelineAsync(t => t.CreateClipAsync(projectId,
            new ClipInput(name, sceneId, start, length, "", "", "", "", ShotSize.Unset, CameraMove.Static, transition, frames, ""), null, default));
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Ids[0];
    }

    private async Task<(Cut Cut, ExportReport Report, byte[] Bytes)> ExportAsync(int projectId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var cut = (await scope.ServiceProvider.GetRequiredService<ICutBuilder>().BuildAsync(projectId, new CutScope(), default))!;
        var formats = scope.ServiceProvider.GetServices<IExportFormat>().ToList();
        Assert.Equal(["edl", "otio", "otioz"], formats.Select(f => f.Key).Where(k => k is "edl" or "otio" or "otioz").Order());
        var format = formats.Single(f => f.Key == "otioz");
        Assert.Equal((".otioz", "application/zip"), (format.Extension, format.ContentType));
        var report = new ExportReport();
        using var output = new MemoryStream();
        await format.WriteAsync(cut, new ExportOptions(), output, report, default);
        return (cut, report, output.ToArray());
    }

    [Fact]
    public async Task The_bundle_holds_the_timeline_with_relative_urls_and_every_file_byte_for_byte()
    {
        var projectId = await _factory.CreateProjectAsync("Night & Day 🎸", "29.97");
        var sceneId = (await _factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Verse", 0, 300), null, default))).Ids[0];
        var car = await ClipAsync(projectId, sceneId, "Car", 0, 90);
        var road = await ClipAsync(projectId, sceneId, "Road", 90, 90, TransitionKind.Dissolve, 20);
        var lost = await ClipAsync(projectId, sceneId, "Lost", 180, 60);
        await ClipAsync(projectId, sceneId, "Sky", 240, 60);

        var png = TestAudio.Png(_sources, "car.png");
        var video = TestAudio.Video(_sources, 4);
        var wav = TestAudio.Sine(_sources, "wav", 12);
        var (pngHash, videoHash, missingHash) = (await StoreAsync(png, "image/png"), await StoreAsync(video, "video/mp4"),
            await StoreAsync(Png("lost.png", 64), "image/png", keepFile: false));
        var songHash = await StoreAsync(wav, "audio/wav");
        await _factory.QueryAsync(async db =>
        {
            (await db.Clips.FindAsync(car))!.ChosenImageHash = pngHash;
            (await db.Clips.FindAsync(road))!.ChosenVideoHash = videoHash;
            (await db.Clips.FindAsync(lost))!.ChosenImageHash = missingHash;
            var song = new Song
            {
                ProjectId = projectId,
                MediaHash = songHash,
                OriginalFileName = "Night Drive.wav",
                Format = "wav",
                Codec = "pcm_s16le",
                SampleRate = 44100,
                Channels = 1,
                DurationMicroseconds = 12_000_000,
                Status = SongStatus.Ready,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Songs.Add(song);
            await db.SaveChangesAsync();
            (await db.Projects.FindAsync(projectId))!.CurrentSongId = song.Id;
            return await db.SaveChangesAsync();
        });

        var (cut, report, bytes) = await ExportAsync(projectId);
        Assert.Equal(359, cut.LengthFrames); // 12 s at 29.97
        // The cut already shows the lost file's clip as its Draft card (and says so).
        Assert.Equal([CutMediaKind.Image, CutMediaKind.Video, CutMediaKind.Draft, CutMediaKind.Draft], cut.Clips.Select(c => c.Media.Kind));

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var lostName = cut.Clips[2].Media.FileName;
        var expected = new[] { "version.txt", "content.otio" }
            .Concat(new[] { cut.Clips[0].Media.FileName, cut.Clips[1].Media.FileName, lostName, cut.Clips[3].Media.FileName, cut.Song!.FileName }.Select(n => "media/" + n))
            .ToList();
        Assert.Equal(expected, zip.Entries.Select(e => e.FullName));
        Assert.Equal("1.0.0", await ReadTextAsync(zip, "version.txt"));

        // Text deflated, media stored as it is.
        var methods = ZipMethods(bytes);
        Assert.Equal(8, methods["content.otio"]);
        Assert.All(expected.Where(n => n.StartsWith("media/", StringComparison.Ordinal)), n => Assert.Equal(0, methods[n]));

        Assert.Equal(await File.ReadAllBytesAsync(png), await ReadBytesAsync(zip, "media/" + cut.Clips[0].Media.FileName));
        Assert.Equal(await File.ReadAllBytesAsync(video), await ReadBytesAsync(zip, "media/" + cut.Clips[1].Media.FileName));
        Assert.Equal(await File.ReadAllBytesAsync(wav), await ReadBytesAsync(zip, "media/" + cut.Song.FileName));
        foreach (var draft in new[] { "media/" + lostName, "media/" + cut.Clips[3].Media.FileName })
        {
            var info = Image.Identify(await ReadBytesAsync(zip, draft));
            Assert.Equal((1920, 1080), (info.Width, info.Height));
        }
        Assert.Contains(report.Notices, n => n.Contains("“Lost”", StringComparison.Ordinal) && n.Contains("Draft card", StringComparison.Ordinal));

        using var otio = JsonDocument.Parse(await ReadBytesAsync(zip, "content.otio"));
        var urls = otio.OfSchema("ExternalReference.1").Select(r => r.GetProperty("target_url").GetString()!).ToList();
        Assert.Equal(expected.Skip(2), urls);
        Assert.All(otio.Stack().Children(), t => Assert.Equal(359, t.Length()));
        var clips = otio.Track("V1").Children().Where(c => c.Schema() == "Clip.2").ToList();
        Assert.Equal(["Car", "Road", "Lost", "Sky"], clips.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("Draft", clips[2].GetProperty("metadata").GetProperty("storyboard").GetProperty("media").GetString());
        Assert.Single(otio.Track("V1").Children(), c => c.Schema() == "Transition.1");
    }

    [Fact]
    public async Task A_project_without_media_or_song_bundles_its_draft_cards_and_says_there_is_no_music()
    {
        var projectId = await _factory.CreateProjectAsync("Sketch", "24");
        var sceneId = (await _factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Intro", 0, 96), null, default))).Ids[0];
        await ClipAsync(projectId, sceneId, "Only", 0, 48);

        var (cut, report, bytes) = await ExportAsync(projectId);

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(["version.txt", "content.otio", "media/" + cut.Clips[0].Media.FileName], zip.Entries.Select(e => e.FullName));
        using var otio = JsonDocument.Parse(await ReadBytesAsync(zip, "content.otio"));
        var silence = Assert.Single(otio.Track("A1").Children());
        Assert.Equal(("Gap.1", (0L, 48L)), (silence.Schema(), silence.Range()));
        Assert.Contains(report.Notices, n => n.Contains("no song", StringComparison.Ordinal));
    }

    private string Png(string name, int side)
    {
        var path = Path.Combine(_sources, name);
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(side, side, new SixLabors.ImageSharp.PixelFormats.Rgba32(20, 90, 200));
        image.SaveAsPng(path);
        return path;
    }

    private static async Task<byte[]> ReadBytesAsync(ZipArchive zip, string name)
    {
        await using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string> ReadTextAsync(ZipArchive zip, string name) => Encoding.UTF8.GetString(await ReadBytesAsync(zip, name));

    /// <summary>Each entry's compression method (0 stored, 8 deflated) from the zip's central directory.</summary>
    private static Dictionary<string, int> ZipMethods(byte[] zip)
    {
        var end = zip.Length - 22;
        while (BitConverter.ToUInt32(zip, end) != 0x06054b50)
        {
            end--;
        }
        var (count, offset) = (BitConverter.ToUInt16(zip, end + 10), (int)BitConverter.ToUInt32(zip, end + 16));
        var methods = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BitConverter.ToUInt32(zip, offset));
            var method = BitConverter.ToUInt16(zip, offset + 10);
            var (nameLength, extraLength, commentLength) = (BitConverter.ToUInt16(zip, offset + 28), BitConverter.ToUInt16(zip, offset + 30), BitConverter.ToUInt16(zip, offset + 32));
            methods[Encoding.UTF8.GetString(zip, offset + 46, nameLength)] = method;
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return methods;
    }
}
