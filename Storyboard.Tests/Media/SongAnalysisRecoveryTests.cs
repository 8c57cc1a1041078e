using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;

namespace Storyboard.Tests.Media;

public sealed class SongAnalysisRecoveryTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Fact]
    public async Task A_song_left_analysing_when_the_app_stopped_is_finished_after_it_starts()
    {
        // The state a crash mid-analysis leaves: the upload is stored, its song row still says Analyzing.
        var file = TestAudio.Sine(_files, "wav", seconds: 2);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        var relative = Path.Combine(hash[..2], hash + ".wav");
        Directory.CreateDirectory(Path.Combine(_factory.MediaFolder, hash[..2]));
        File.Copy(file, Path.Combine(_factory.MediaFolder, relative));
        int projectId, songId;
        await using (var db = Open())
        {
            var now = DateTimeOffset.UtcNow;
            var project = new Project { Name = "Interrupted", CreatedAt = now, UpdatedAt = now };
            db.Projects.Add(project);
            db.MediaFiles.Add(new MediaFile
            {
                Hash = hash,
                SizeBytes = new FileInfo(file).Length,
                ContentType = "audio/wav",
                RelativePath = relative,
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
            var song = new Song
            {
                ProjectId = project.Id,
                MediaHash = hash,
                OriginalFileName = "interrupted.wav",
                Format = "wav",
                Codec = "pcm_s16le",
                SampleRate = 44100,
                Channels = 1,
                DurationMicroseconds = 2_000_000,
                Status = SongStatus.Analyzing,
                CreatedAt = now,
            };
            db.Songs.Add(song);
            await db.SaveChangesAsync();
            (projectId, songId) = (project.Id, song.Id);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        _factory.CreateClient(); // starts the app

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Song? recovered;
        while ((recovered = await _factory.QueryAsync(db => db.Songs.AsNoTracking().SingleAsync(s => s.Id == songId))).Status == SongStatus.Analyzing)
        {
            Assert.True(DateTime.UtcNow < deadline, "The interrupted song was still Analyzing 30 seconds after start");
            await Task.Delay(100);
        }
        Assert.Equal(SongStatus.Ready, recovered.Status);
        Assert.InRange(recovered.PeakCount, 198, 202);
        Assert.True(File.Exists(Path.Combine(_factory.MediaFolder, recovered.WaveformPath!)));
        Assert.Equal(songId, await _factory.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.CurrentSongId).SingleAsync()));
    }

    private StoryboardDbContext Open() => new(new DbContextOptionsBuilder<StoryboardDbContext>()
        .UseSqlite(DataSetup.BuildConnectionString(Path.Combine(_factory.DataFolder, "storyboard.db"))).Options);
}
