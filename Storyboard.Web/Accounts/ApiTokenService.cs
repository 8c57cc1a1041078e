using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Accounts;

public sealed record ApiTokenRow(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public interface IApiTokenService
{
    /// <summary>Creates a token and returns its secret, which is shown once and never stored.</summary>
    Task<string> CreateAsync(string userId, string name, CancellationToken cancellationToken);
    Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ApiTokenRow>> ListAsync(string userId, CancellationToken cancellationToken);
    /// <summary>The enabled user a live token belongs to, or null.</summary>
    Task<AppUser?> AuthenticateAsync(string secret, CancellationToken cancellationToken);
}

public sealed class ApiTokenService(StoryboardDbContext db, TimeProvider clock) : IApiTokenService
{
    public const string SecretPrefix = "sb_";

    public async Task<string> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await db.ApiTokens.Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public async Task<AppUser?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (token?.User is null || token.User.IsDisabled)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token.User;
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
