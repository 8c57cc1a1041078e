using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Media;

/// <summary>A file received into the data folder's temp area, hashed while it was written.</summary>
public sealed record StagedFile(string TempPath, string Hash, long SizeBytes);

public interface IMediaStore
{
    /// <summary>Streams <paramref name="content"/> to a temp file, hashing as it goes; stops past <paramref name="maxBytes"/>.</summary>
    Task<StagedFile?> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Moves a staged file into the store under its hash (once per content) and records it.</summary>
    Task<MediaFile> CommitAsync(StagedFile staged, string extension, string contentType, CancellationToken cancellationToken);

    string FullPath(string relativePath);

    /// <summary>Deletes a stored file and every file derived from it (waveform, peaks); the row is the caller's.</summary>
    void DeleteFiles(MediaFile file);

    /// <summary>Deletes the rows and files of those <paramref name="hashes"/> no song or clip uses any more.</summary>
    Task DeleteUnusedAsync(IEnumerable<string> hashes, CancellationToken cancellationToken);
}

public sealed class MediaStore(StoryboardDbContext db, IOptions<StorageOptions> storage, TimeProvider clock) : IMediaStore
{
    public async Task<StagedFile?> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storage.Value.TempFolder);
        var tempPath = Path.Combine(storage.Value.TempFolder, $"upload-{Guid.NewGuid():N}.part");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            await using (var output = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        output.Close();
                        File.Delete(tempPath);
                        return null;
                    }
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
        catch
        {
            // A dropped connection or a body over the server's limit: leave nothing behind in data/tmp.
            File.Delete(tempPath);
            throw;
        }
        return new StagedFile(tempPath, Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    public async Task<MediaFile> CommitAsync(StagedFile staged, string extension, string contentType, CancellationToken cancellationToken)
    {
        var existing = await db.MediaFiles.FindAsync([staged.Hash], cancellationToken);
        if (existing is not null && File.Exists(FullPath(existing.RelativePath)))
        {
            File.Delete(staged.TempPath);
            return existing;
        }
        var relative = Path.Combine(staged.Hash[..2], staged.Hash + extension);
        var target = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staged.TempPath, target, overwrite: true);
        if (existing is null)
        {
            existing = new MediaFile { Hash = staged.Hash, CreatedAt = clock.GetUtcNow() };
            db.MediaFiles.Add(existing);
        }
        existing.RelativePath = relative;
        existing.SizeBytes = staged.SizeBytes;
        existing.ContentType = contentType;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(existing).State == EntityState.Added)
        {
            // The same content committed at the same moment by another request (two identical Draft cards): the file
            // in place is the same bytes, and the other request's row is the one to use.
            db.Entry(existing).State = EntityState.Detached;
            return await db.MediaFiles.AsNoTracking().SingleAsync(m => m.Hash == staged.Hash, cancellationToken);
        }
        return existing;
    }

    public async Task DeleteUnusedAsync(IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes.Distinct())
        {
            var inUse = await db.Songs.AnyAsync(s => s.MediaHash == hash, cancellationToken) ||
                        await db.Clips.AnyAsync(c => c.ChosenImageHash == hash || c.ChosenVideoHash == hash, cancellationToken) ||
                        await db.ClipGenerations.AnyAsync(g => g.MediaHash == hash || g.PosterHash == hash || g.PreviewHash == hash, cancellationToken);
            if (inUse || await db.MediaFiles.FindAsync([hash], cancellationToken) is not { } file)
            {
                continue;
            }
            db.MediaFiles.Remove(file);
            await db.SaveChangesAsync(cancellationToken);
            DeleteFiles(file);
        }
    }

    public void DeleteFiles(MediaFile file)
    {
        var original = FullPath(file.RelativePath);
        var folder = Path.GetDirectoryName(original)!;
        if (File.Exists(original))
        {
            File.Delete(original);
        }
        if (MediaPaths.IsHash(file.Hash) && Directory.Exists(folder))
        {
            foreach (var derived in Directory.EnumerateFiles(folder, file.Hash + ".*"))
            {
                File.Delete(derived);
            }
        }
    }

    public string FullPath(string relativePath)
    {
        var root = Path.GetFullPath(storage.Value.MediaFolder);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A media path left the media folder.");
        }
        return full;
    }
}

/// <summary>Where files live inside the media folder: originals and the files derived from them, all keyed by hash.</summary>
public static class MediaPaths
{
    /// <summary>"ab/abcdef….waveform.png": a file made from the media with this hash, beside it.</summary>
    public static string Derived(string hash, string suffix)
    {
        if (!IsHash(hash))
        {
            throw new ArgumentException("Not a SHA-256 hex hash.", nameof(hash));
        }
        return Path.Combine(hash[..2], $"{hash}.{suffix}");
    }

    /// <summary>64 lower-case hex digits, as the store names files.</summary>
    public static bool IsHash(string value) =>
        value.Length == 64 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
