using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Storyboard.Web.Generation.Servers;

/// <summary>Encrypts a server's secret at rest (Data Protection, keys in the data folder's keys/).</summary>
public interface IServerSecrets
{
    string Protect(string secret);
    /// <summary>The secret, or null when it cannot be read (the keys were lost or replaced): enter it again.</summary>
    string? Unprotect(string? protectedSecret);
}

public sealed class ServerSecrets(IDataProtectionProvider provider, ILogger<ServerSecrets> logger) : IServerSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("Storyboard.GpuServers.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret))
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            logger.LogWarning("A server secret could not be decrypted: the data protection keys changed; enter it again");
            return null;
        }
    }
}
