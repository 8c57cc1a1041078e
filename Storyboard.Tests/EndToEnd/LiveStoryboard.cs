using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// A fresh Storyboard (its own temp data folder and SQLite file) served by real Kestrel on a free loopback port, so a
/// real browser can reach it.
/// </summary>
public sealed class LiveStoryboard : IAsyncDisposable
{
    private LiveStoryboard(StoryboardFactory factory, Uri address)
    {
        Factory = factory;
        Address = address;
    }

    public StoryboardFactory Factory { get; }

    /// <summary>The bound base address, such as http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public static LiveStoryboard Start()
    {
        var factory = new StoryboardFactory();
        try
        {
            // An explicit endpoint replaces the app's default URL, so parallel runs never fight over one port.
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                ?? throw new InvalidOperationException("Kestrel reports no server addresses.");
            var address = addresses.Addresses.Single();
            return new LiveStoryboard(factory, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
    }
}
