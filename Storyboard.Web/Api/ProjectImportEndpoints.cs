using System.ComponentModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Accounts;
using Storyboard.Web.Delivery.Formats.Json;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Api;

/// <summary>POST /api/v1/projects/import: a project file (the JSON export) becomes a new project, as on /Projects/Import.</summary>
public static class ProjectImportEndpoints
{
    /// <summary>Room for the multipart envelope around the file.</summary>
    private const long EnvelopeAllowance = 64 * 1024;

    public static RouteGroupBuilder MapProjectImportEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/projects/import", ImportAsync).WithName("ImportProject").WithTags("Projects")
            .WithSummary("Import a project file")
            .WithDescription("Editors and Admins. Send a project file exported as JSON (schema version 1, at most 20 MB) as the " +
                             "body with Content-Type application/json, or as the 'file' part of multipart/form-data. Creates a new " +
                             "project owned by you; media this instance does not have are left out and listed in 'notices'. " +
                             "Answers 201 with the project's id and URLs. On any error nothing is created; 422 'errors' are keyed " +
                             "by the JSON path of the value at fault (\"clips[2].scene\").")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<ProjectArchiveDocument>("application/json", "multipart/form-data")
            .Produces<ProjectImportView>(StatusCodes.Status201Created)
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return v1;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IProjectImport import, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = import.MaxBytes + EnvelopeAllowance;
        }
        if (request.ContentLength > import.MaxBytes + EnvelopeAllowance)
        {
            return TooLarge();
        }
        ProjectImportResult result;
        if (request.HasJsonContentType())
        {
            result = await import.ImportAsync(request.Body, users.GetUserId(context.User), cancellationToken);
        }
        else if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) &&
                 type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException e)
            {
                return ApiProblems.MalformedBody($"The multipart body could not be read: {e.Message}");
            }
            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file)
            {
                return ApiProblems.Invalid("file", "Send the project file as the 'file' part of the form.");
            }
            if (file.Length > import.MaxBytes)
            {
                return TooLarge();
            }
            await using var stream = file.OpenReadStream();
            result = await import.ImportAsync(stream, users.GetUserId(context.User), cancellationToken);
        }
        else
        {
            return TypedResults.Problem(title: "Unsupported media type",
                detail: "Send the project file as the body with 'Content-Type: application/json', or as the 'file' part of multipart/form-data.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (result.ProjectId is { } id)
        {
            var url = links.GetPathByName(context, ProjectsEndpoints.GetProjectRoute, new { id });
            var page = links.GetPathByPage(context, "/Projects/Dashboard", values: new { id });
            return TypedResults.Created(url, new ProjectImportView(id, url ?? "", page ?? "", result.Notices));
        }
        return result.Failure switch
        {
            ProjectImportFailure.TooLarge => TooLarge(),
            ProjectImportFailure.NotJson or ProjectImportFailure.Empty => ApiProblems.MalformedBody(result.Errors.Values.First()),
            _ => ApiProblems.Invalid(result.Errors),
        };
    }

    private static IResult TooLarge() =>
        TypedResults.Problem(title: "The project file is too large", detail: ProjectImport.TooLargeMessage,
            statusCode: StatusCodes.Status413PayloadTooLarge);
}

/// <summary>What an import created.</summary>
public sealed record ProjectImportView(
    int Id,
    [property: Description("The project in the API: GET it for its settings.")] string Url,
    [property: Description("The project's dashboard in the browser.")] string PageUrl,
    [property: Description("What the import left out (media this instance does not have, the song), one sentence each.")] IReadOnlyList<string> Notices);
