using Storyboard.Web.Accounts;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Api;

/// <summary>
/// /api/v1/projects/{id}/song and /api/v1/songs/{id}: the same upload service and queries as the dashboard.
/// An upload is the raw file as the request body (curl -T song.mp3 …); it streams to disk and is checked by content.
/// </summary>
public static class SongsEndpoints
{
    public const string GetSongRoute = "GetSong";

    public static RouteGroupBuilder MapSongsEndpoints(this RouteGroupBuilder v1)
    {
        var projectSong = v1.MapGroup("/projects/{id:int}/song").WithTags("Songs");
        projectSong.MapGet("", GetProjectSongAsync).WithName("GetProjectSong")
            .WithSummary("Get a project's song")
            .WithDescription("The current song and, if there is one, a newer upload still being analysed or one that failed.")
            .Produces<ProjectSongView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        projectSong.MapPut("", UploadAsync).WithName("UploadProjectSong")
            .WithSummary("Upload (or replace) a project's song")
            .WithDescription("Editors and Admins. The body is the audio file itself (mp3, wav, flac, m4a/aac, ogg or opus; " +
                             "any Content-Type), its name in ?fileName=. Answers 202 while the song is analysed; poll the song " +
                             "until its status is ready (it then becomes the current song) or failed (the current song stays).")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<Stream>("application/octet-stream", "audio/mpeg", "audio/wav", "audio/flac", "audio/mp4", "audio/ogg")
            .Produces<SongApiView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);

        var songs = v1.MapGroup("/songs/{songId:int:min(1)}").WithTags("Songs");
        songs.MapGet("", GetSongAsync).WithName(GetSongRoute)
            .WithSummary("Get a song and its analysis status")
            .Produces<SongApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        songs.MapGet("/audio", SongMediaEndpoints.AudioAsync).WithName("GetSongAudio")
            .WithSummary("Download a song's audio (HTTP ranges supported)")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        songs.MapGet("/waveform.png", SongMediaEndpoints.WaveformAsync).WithName("GetSongWaveform")
            .WithSummary("A ready song's waveform as a PNG")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound);
        songs.MapGet("/peaks", SongMediaEndpoints.PeaksAsync).WithName("GetSongPeaks")
            .WithSummary("A ready song's waveform peaks (min and max per 1/peaksPerSecond s, from -1 to 1)")
            .Produces<SongMediaEndpoints.PeaksJson>().ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<IResult> GetProjectSongAsync(int id, ISongQueries songs, CancellationToken cancellationToken) =>
        await songs.GetPanelAsync(id, canEdit: false, cancellationToken) is { } panel
            ? TypedResults.Ok(new ProjectSongView(
                panel.Current is null ? null : SongApiView.From(panel.Current),
                panel.Pending is null ? null : SongApiView.From(panel.Pending)))
            : ProjectNotFound(id);

    private static async Task<IResult> GetSongAsync(int songId, ISongQueries songs, CancellationToken cancellationToken) =>
        await songs.GetSongAsync(songId, cancellationToken) is { } song
            ? TypedResults.Ok(SongApiView.From(song))
            : ApiProblems.NotFound($"There is no song {songId}, or its project is in the Trash.");

    private static async Task<IResult> UploadAsync(int id, string? fileName, HttpContext context, ISongUploads uploads,
        ISongQueries songs, CancellationToken cancellationToken)
    {
        StreamedUpload.AllowBody(context, uploads.MaxBytes);
        var name = string.IsNullOrWhiteSpace(fileName) ? "song" : Path.GetFileName(fileName.Trim());
        var result = await uploads.UploadAsync(id, context.Request.Body, name, context.Request.ContentLength, cancellationToken);
        switch (result.Failure)
        {
            case SongUploadFailure.ProjectNotFound:
                return ProjectNotFound(id);
            case SongUploadFailure.TooLarge:
                return TypedResults.Problem(title: "The file is too large", detail: result.Error,
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            case SongUploadFailure.Empty or SongUploadFailure.NotAudio:
                return ApiProblems.Invalid("file", result.Error!);
        }
        var song = await songs.GetSongAsync(result.SongId!.Value, cancellationToken)
                   ?? throw new InvalidOperationException($"Song {result.SongId} vanished after its upload.");
        return TypedResults.Accepted(SongLinks.For(song).Self, SongApiView.From(song));
    }

    private static IResult ProjectNotFound(int id) =>
        ApiProblems.NotFound($"There is no project {id}, or it is in the Trash.");
}
