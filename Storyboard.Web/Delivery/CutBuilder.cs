using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;

namespace Storyboard.Web.Delivery;

/// <summary>Reads a project's timeline into a <see cref="Cut"/> in a handful of queries (no file is opened).</summary>
public sealed class CutBuilder(StoryboardDbContext db, IMediaStore store, TimeProvider clock) : ICutBuilder
{
    public async Task<Cut?> BuildAsync(int projectId, CutScope scope, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.DeletedAt == null)
            .Select(p => new { p.Id, p.Name, p.FrameRateNumerator, p.FrameRateDenominator, p.Width, p.Height, p.CurrentSongId })
            .SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }
        var rate = new FrameRate(project.FrameRateNumerator, project.FrameRateDenominator);
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId && s.DeletedAt == null).ToListAsync(cancellationToken);
        var clips = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var song = await SongAsync(project.CurrentSongId, rate, cancellationToken);
        var notices = new List<string>();

        var sceneById = scenes.ToDictionary(s => s.Id);
        Scene? only = null;
        if (scope.SceneId is { } sceneId && (!sceneById.TryGetValue(sceneId, out only)))
        {
            return null;
        }
        // A clip of a scene in the Trash is gone with it.
        clips = clips.Where(c => c.SceneId is null || sceneById.ContainsKey(c.SceneId.Value)).ToList();
        if (only is not null)
        {
            clips = clips.Where(c => c.SceneId == only.Id).ToList();
        }
        bool IsMain(Clip c) => c.IsMain && (c.SceneId is null || sceneById[c.SceneId.Value].IsMain || c.SceneId == only?.Id);

        var offset = only?.StartFrame ?? 0;
        long length;
        if (only is not null)
        {
            length = only.LengthFrames;
        }
        else if (song is not null)
        {
            length = song.LengthFrames;
        }
        else
        {
            length = clips.Where(IsMain).Select(c => c.StartFrame + c.LengthFrames).DefaultIfEmpty(0).Max();
            notices.Add("The project has no song: the export has no music, and it ends with the last clip.");
        }

        var media = await MediaAsync(clips, rate, cancellationToken);
        var mains = clips.Where(IsMain).OrderBy(c => c.StartFrame).ThenBy(c => c.Id).ToList();
        var numbers = mains.Select((c, i) => (c.GroupId, Number: i + 1)).GroupBy(x => x.GroupId).ToDictionary(g => g.Key, g => g.First().Number);
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var cutClips = new List<CutClip>();
        var previousEnd = 0L;
        foreach (var clip in mains)
        {
            var (start, end) = (clip.StartFrame - offset, clip.StartFrame - offset + clip.LengthFrames);
            if (end <= 0 || start >= length)
            {
                notices.Add($"“{DisplayName(clip)}” lies outside the {(only is null ? "song" : "scene")} and is left out.");
                continue;
            }
            if (start < previousEnd)
            {
                notices.Add($"“{DisplayName(clip)}” overlaps the clip before it; it starts where that one ends.");
                start = previousEnd;
            }
            if (end > length)
            {
                notices.Add($"“{DisplayName(clip)}” runs past the {(only is null ? "song's" : "scene's")} end and is cut there.");
                end = length;
            }
            if (start < 0)
            {
                start = 0;
            }
            if (end <= start)
            {
                continue;
            }
            cutClips.Add(ToCutClip(clip, numbers[clip.GroupId], 0, start, end - start));
            previousEnd = end;
        }

        var alternates = new List<CutClip>();
        if (scope.IncludeAlternates)
        {
            var lanes = new List<long>();
            foreach (var clip in clips.Where(c => !IsMain(c)).OrderBy(c => c.StartFrame).ThenBy(c => c.TakeNumber).ThenBy(c => c.Id))
            {
                var (start, end) = (Math.Max(0, clip.StartFrame - offset), Math.Min(length, clip.StartFrame - offset + clip.LengthFrames));
                if (end <= start)
                {
                    continue;
                }
                var lane = lanes.FindIndex(laneEnd => laneEnd <= start);
                if (lane < 0)
                {
                    lanes.Add(0);
                    lane = lanes.Count - 1;
                }
                lanes[lane] = end;
                // An alternate has its original's shot number; one whose original is not on the main timeline, the shot it sits over.
                var number = numbers.TryGetValue(clip.GroupId, out var n) ? n
                    : cutClips.LastOrDefault(c => c.StartFrame <= start)?.Number ?? 1;
                alternates.Add(ToCutClip(clip, number, lane + 1, start, end - start));
            }
        }

        var cutScenes = scenes.Where(s => only is null ? s.IsMain : s.Id == only.Id).OrderBy(s => s.StartFrame)
            .Select(s => new CutScene
            {
                SceneId = s.Id,
                Name = SceneName(s),
                Section = s.Section,
                SectionLabel = SectionLabel(s),
                Color = s.Color,
                StartFrame = Math.Max(0, s.StartFrame - offset),
                LengthFrames = Math.Max(0, Math.Min(s.StartFrame - offset + s.LengthFrames, length) - Math.Max(0, s.StartFrame - offset)),
            })
            .Where(s => s.StartFrame < length || length == 0)
            .ToList();

        if (song is not null && !File.Exists(store.FullPath(song.RelativePath)))
        {
            notices.Add($"The song's file ({song.OriginalFileName}) is missing from the media folder: the export has no music.");
            song = null;
        }
        var title = project.Name.Length > 0 ? project.Name : "Storyboard";
        var cut = new Cut
        {
            ProjectId = project.Id,
            ProjectName = project.Name,
            SceneId = only?.Id,
            Title = only is null ? title : $"{title} – {SceneName(only)}",
            Rate = rate,
            Resolution = new Resolution(project.Width, project.Height),
            LengthFrames = length,
            SongOffsetFrames = offset,
            Song = song,
            Scenes = cutScenes,
            Clips = cutClips,
            Alternates = alternates,
            Notices = notices,
            CreatedAt = clock.GetUtcNow(),
        };
        // A chosen file missing from the media folder shows the clip's Draft card instead, so every export names a real file.
        foreach (var clip in cutClips.Concat(alternates))
        {
            if (media.TryGetValue(clip.ClipId, out var stored) && !File.Exists(store.FullPath(stored.RelativePath)))
            {
                media.Remove(clip.ClipId);
                notices.Add($"The chosen {(stored.IsVideo ? "video" : "image")} of “{clip.Name}” is missing from the media folder; its Draft card is used instead.");
            }
        }
        return cut with
        {
            Clips = cut.Clips.Select(c => WithMedia(cut, c, media, usedNames)).ToList(),
            Alternates = cut.Alternates.Select(c => WithMedia(cut, c, media, usedNames)).ToList(),
        };

        CutClip ToCutClip(Clip clip, int number, int lane, long start, long frames)
        {
            var scene = clip.SceneId is { } id ? sceneById[id] : null;
            return new CutClip
            {
                ClipId = clip.Id,
                Number = number,
                Name = DisplayName(clip),
                TakeNumber = clip.TakeNumber,
                IsMain = lane == 0,
                Lane = lane,
                StartFrame = start,
                LengthFrames = frames,
                TransitionIn = clip.TransitionIn,
                TransitionFrames = clip.TransitionIn == TransitionKind.Cut ? 0 : clip.TransitionFrames,
                SceneId = clip.SceneId,
                SceneName = scene is null ? "" : SceneName(scene),
                SectionLabel = scene is null ? "" : SectionLabel(scene),
                SceneColor = scene?.Color,
                Lyrics = clip.Lyrics,
                ShotSize = clip.ShotSize,
                CameraMove = clip.CameraMove,
                Notes = clip.Notes,
                ImagePrompt = clip.ImagePrompt,
                VideoPrompt = clip.VideoPrompt,
                Media = new CutMedia { Kind = CutMediaKind.Draft, Hash = "", FileName = "", ContentType = "image/png" },
            };
        }
    }

    /// <summary>"Intro shot" for a main take, "Intro shot A1" for an alternate.</summary>
    public static string DisplayName(Clip clip) => clip.TakeNumber == 0 ? clip.Name : $"{clip.Name} A{clip.TakeNumber}";

    public static string SceneName(Scene scene) => scene.TakeNumber == 0 ? scene.Name : $"{scene.Name} A{scene.TakeNumber}";

    public static string SectionLabel(Scene scene) => scene.Section switch
    {
        SectionKind.Custom => scene.CustomSection,
        SectionKind.PreChorus => "Pre-chorus",
        var kind => kind.ToString(),
    };

    private static CutClip WithMedia(Cut cut, CutClip clip, IReadOnlyDictionary<int, StoredMedia> media, HashSet<string> usedNames)
    {
        var prefix = $"{clip.Number:000}-{MediaNames.Slug(clip.Name)}";
        if (media.TryGetValue(clip.ClipId, out var stored))
        {
            return clip with
            {
                Media = new CutMedia
                {
                    Kind = stored.IsVideo ? CutMediaKind.Video : CutMediaKind.Image,
                    Hash = stored.Hash,
                    ContentType = stored.ContentType,
                    FileName = Unique($"{prefix}-{stored.Hash[..8]}", MediaNames.Extension(stored.ContentType), usedNames),
                    RelativePath = stored.RelativePath,
                    Width = stored.Width,
                    Height = stored.Height,
                    LengthFrames = stored.LengthFrames,
                },
            };
        }
        var hash = DraftStills.CardHash(DraftStills.CardFor(cut, clip));
        return clip with
        {
            Media = new CutMedia
            {
                Kind = CutMediaKind.Draft,
                Hash = hash,
                ContentType = "image/png",
                FileName = Unique($"{prefix}-draft-{hash[..8]}", ".png", usedNames),
                Width = cut.Resolution.Width,
                Height = cut.Resolution.Height,
            },
        };
    }

    private static string Unique(string stem, string extension, HashSet<string> used)
    {
        var name = stem + extension;
        for (var i = 2; !used.Add(name); i++)
        {
            name = $"{stem}-{i}{extension}";
        }
        return name;
    }

    private sealed record StoredMedia(string Hash, bool IsVideo, string ContentType, string RelativePath, int Width, int Height, long? LengthFrames);

    /// <summary>Each clip's chosen video, else chosen image, with its stored file and the size its gallery row recorded.</summary>
    private async Task<Dictionary<int, StoredMedia>> MediaAsync(List<Clip> clips, FrameRate rate, CancellationToken cancellationToken)
    {
        var chosen = clips.Select(c => (c.Id, Hash: c.ChosenVideoHash ?? c.ChosenImageHash, IsVideo: c.ChosenVideoHash is not null))
            .Where(c => c.Hash is not null).ToList();
        var hashes = chosen.Select(c => c.Hash!).Distinct().ToList();
        var files = await db.MediaFiles.AsNoTracking().Where(m => hashes.Contains(m.Hash))
            .ToDictionaryAsync(m => m.Hash, cancellationToken);
        // By the file, not the clip: a split or duplicated clip keeps its chosen media, whose generation row belongs to the
        // clip it was copied from. The clip's own row comes first.
        var sizes = (await db.ClipGenerations.AsNoTracking().Where(g => hashes.Contains(g.MediaHash))
                .Select(g => new { g.ClipId, g.MediaHash, g.Width, g.Height, g.DurationMicroseconds }).ToListAsync(cancellationToken))
            .ToLookup(g => g.MediaHash);
        var result = new Dictionary<int, StoredMedia>();
        foreach (var (clipId, hash, isVideo) in chosen)
        {
            if (!files.TryGetValue(hash!, out var file))
            {
                continue;
            }
            var size = sizes[hash!].OrderBy(g => g.ClipId == clipId ? 0 : 1).FirstOrDefault();
            long? frames = size?.DurationMicroseconds is { } micro ? rate.FramesFromMicroseconds(micro) : null;
            result[clipId] = new StoredMedia(hash!, isVideo, file.ContentType, file.RelativePath, size?.Width ?? 0, size?.Height ?? 0, frames);
        }
        return result;
    }

    private async Task<CutSong?> SongAsync(int? songId, FrameRate rate, CancellationToken cancellationToken)
    {
        if (songId is null)
        {
            return null;
        }
        var row = await db.Songs.AsNoTracking().Where(s => s.Id == songId)
            .Select(s => new { s.MediaHash, s.OriginalFileName, s.DurationMicroseconds, s.SampleRate, s.Channels, s.Media!.RelativePath, s.Media.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var extension = Path.GetExtension(row.RelativePath);
        return new CutSong
        {
            Hash = row.MediaHash,
            OriginalFileName = row.OriginalFileName,
            RelativePath = row.RelativePath,
            ContentType = row.ContentType,
            FileName = $"song-{MediaNames.Slug(Path.GetFileNameWithoutExtension(row.OriginalFileName), "song")}{(extension.Length > 0 ? extension : MediaNames.Extension(row.ContentType))}",
            DurationMicroseconds = row.DurationMicroseconds,
            LengthFrames = rate.FramesFromMicroseconds(row.DurationMicroseconds),
            SampleRate = row.SampleRate,
            Channels = row.Channels,
        };
    }
}
