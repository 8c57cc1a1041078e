using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Timeline;

/// <summary>
/// Lyrics: timed LRC becomes main-take clips at its timestamps; plain lines are shared out over chosen clips. Each is
/// one edit (one undo record), refused as a whole when any part of it would not fit.
/// </summary>
public sealed partial class TimelineService
{
    /// <summary>How long the last LRC line's clip lasts when the song does not end sooner.</summary>
    public static readonly TimeSpan LastLyricLength = TimeSpan.FromSeconds(4);

    public Task<TimelineResult> ImportLrcAsync(int projectId, string lrc, string? userId, CancellationToken cancellationToken)
    {
        var parsed = Lrc.Parse(lrc);
        if (!parsed.Succeeded)
        {
            return Task.FromResult(TimelineResult.Invalid(LrcField, string.Join("\n", parsed.Errors)));
        }
        if (parsed.Lines.Count == 0)
        {
            return Task.FromResult(TimelineResult.Invalid(LrcField, "There are no timed lines. LRC lines look like \"[00:12.50] the words\"."));
        }
        return EditAsync(projectId, userId, false, state =>
        {
            // Lines that land on the same frame share one clip.
            var cues = parsed.Lines
                .Select((line, i) => (Number: i + 1, Frame: NearestFrame(line.At, state.Rate), line.Text))
                .GroupBy(c => c.Frame)
                .Select(g => (g.First().Number, Frame: g.Key, Text: string.Join('\n', g.Select(c => c.Text))))
                .ToList();
            var lane = state.Clips.Where(state.IsMainTake).OrderBy(c => c.StartFrame).ToList();
            var made = new List<Clip>(cues.Count);
            for (var i = 0; i < cues.Count; i++)
            {
                var (number, start, text) = cues[i];
                var length = i + 1 < cues.Count ? cues[i + 1].Frame - start : LastLength(state, start);
                var what = $"Line {number} (\"{Shorten(text.ReplaceLineEndings(" "), 40)}\", {Timecode(start, state.Rate)})";
                if (TimelineRules.CheckSpan(new FrameSpan(start, length), state.Rate) is { } problem)
                {
                    return TimelineResult.Invalid(LrcField, $"{what}: {problem}");
                }
                if (text.Length > TimelineValidation.TextMax)
                {
                    return TimelineResult.Invalid(LrcField, $"{what} is longer than {TimelineValidation.TextMax} characters.");
                }
                var span = new FrameSpan(start, length);
                if (lane.FirstOrDefault(c => new FrameSpan(c.StartFrame, c.LengthFrames).Overlaps(span)) is { } existing)
                {
                    return TimelineResult.Overlap(LrcField,
                        $"{what} would overlap the clip {TimelineEditState.Name(existing)}. Nothing was imported: move or delete that clip, or remove the line.",
                        null);
                }
                var clip = new Clip
                {
                    ProjectId = projectId,
                    Name = Shorten($"Line {number}: {text.ReplaceLineEndings(" / ")}", TimelineValidation.NameMax),
                    StartFrame = start,
                    LengthFrames = length,
                    Lyrics = text,
                    IsMain = true,
                    Version = 1,
                    CreatedAt = state.Now,
                    UpdatedAt = state.Now,
                };
                state.Add(clip);
                made.Add(clip);
            }
            return new Done($"Import {made.Count} lyric {(made.Count == 1 ? "line" : "lines")}", made);
        }, cancellationToken);
    }

    public Task<TimelineResult> SpreadLyricsAsync(int projectId, IReadOnlyList<int> clipIds, string text, string? userId, CancellationToken cancellationToken)
    {
        var lines = LyricsSpread.Lines(text);
        if (lines.Count == 0)
        {
            return Task.FromResult(TimelineResult.Invalid(TextField, "Paste at least one line of lyrics."));
        }
        if (clipIds.Count == 0)
        {
            return Task.FromResult(TimelineResult.Invalid(TextField, "Pick the clips to spread the lyrics over."));
        }
        return EditAsync(projectId, userId, false, state =>
        {
            if (Find(state, clipIds) is not { } clips)
            {
                return TimelineResult.NotFound("The clip");
            }
            var ordered = clips.OrderBy(c => c.StartFrame).ThenBy(c => c.OriginalId ?? c.Id).ThenBy(c => c.TakeNumber).ToList();
            var spread = LyricsSpread.Spread(lines, ordered);
            if (spread.FirstOrDefault(s => s.Lyrics.Length > TimelineValidation.TextMax) is { Clip: { } tooLong })
            {
                return TimelineResult.Invalid(TextField,
                    $"{TimelineEditState.Name(tooLong)} would get more than {TimelineValidation.TextMax} characters of lyrics: pick more clips.");
            }
            foreach (var (clip, lyrics) in spread)
            {
                clip.Lyrics = lyrics;
            }
            return new Done($"Spread {lines.Count} lyric {(lines.Count == 1 ? "line" : "lines")} over {ordered.Count} {(ordered.Count == 1 ? "clip" : "clips")}", ordered);
        }, cancellationToken);
    }

    /// <summary>Error keys of the lyrics edits: the pasted LRC and the pasted plain lines.</summary>
    public const string LrcField = "lrc";
    public const string TextField = "text";

    /// <summary>The frame nearest to <paramref name="at"/> (halves round up), in exact integer arithmetic.</summary>
    internal static long NearestFrame(TimeSpan at, FrameRate rate)
    {
        var micros = (Int128)(at.Ticks / 10);
        var perSecond = (Int128)rate.Denominator * 1_000_000;
        return (long)((micros * rate.Numerator * 2 + perSecond) / (perSecond * 2));
    }

    /// <summary>The last line lasts <see cref="LastLyricLength"/> or until the song ends, whichever is sooner; at least a frame.</summary>
    private static long LastLength(TimelineEditState state, long start)
    {
        var length = NearestFrame(LastLyricLength, state.Rate);
        if (state.SongFrames is { } end && end > start)
        {
            length = Math.Min(length, end - start);
        }
        return Math.Max(1, length);
    }

    private static string Timecode(long frame, FrameRate rate)
    {
        var seconds = (double)frame * rate.Denominator / rate.Numerator;
        return TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.ff" : @"m\:ss\.ff", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}
