using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Tests.Pages.Servers;

/// <summary>Admins register ComfyUI servers and RunPod endpoints; secrets are encrypted and never shown again.</summary>
public sealed class ServersPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>An address where nothing listens: a port the system gave out and took back.</summary>
    internal static string ClosedAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private Task<List<GpuServer>> ServersAsync() =>
        _factory.QueryAsync(db => db.GpuServers.AsNoTracking().OrderBy(s => s.Id).ToListAsync());

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, Dictionary<string, string> values)
    {
        var page = await client.GetDocumentAsync(url);
        return await client.SubmitAsync(page.Form("#server-form"), values);
    }

    [Fact]
    public async Task An_admin_adds_a_comfyui_server_behind_a_proxy_and_its_secret_is_stored_encrypted_and_never_shown()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var response = await SaveAsync(admin, "/Servers/Edit", new()
        {
            ["Input.Name"] = "Living room 4090",
            ["Input.Kind"] = "ComfyUi",
            ["Input.BaseUrl"] = "http://gpu-box.invalid:8188/comfy/",
            ["Input.Capacity"] = "3",
            ["Input.Auth"] = "Header",
            ["Input.AuthHeaderName"] = "X-Api-Key",
            ["Input.Secret"] = "s3cret-proxy-key",
        });

        var list = await Html.ParseAsync(response);
        Assert.Equal("/Servers", response.RequestMessage!.RequestUri!.AbsolutePath);
        var server = Assert.Single(await ServersAsync());
        Assert.Equal(("Living room 4090", "http://gpu-box.invalid:8188/comfy", 3, GpuServerAuth.Header, "X-Api-Key"),
            (server.Name, server.BaseUrl, server.Capacity, server.Auth, server.AuthHeaderName));
        Assert.NotNull(server.ProtectedSecret);
        Assert.DoesNotContain("s3cret-proxy-key", server.ProtectedSecret);
        using (var scope = _factory.Services.CreateScope())
        {
            Assert.Equal("s3cret-proxy-key", scope.ServiceProvider.GetRequiredService<IServerSecrets>().Unprotect(server.ProtectedSecret));
        }
        // The save checked it at once: the name does not resolve, so it is offline and says why.
        Assert.Equal(GpuServerStatus.Offline, server.Status);
        Assert.Contains("offline", list.Text("#flash"));
        Assert.Contains("Living room 4090", list.Text($"#server-{server.Id} th"));

        var edit = await admin.GetDocumentAsync($"/Servers/Edit/{server.Id}");
        Assert.Equal("", edit.QuerySelector<IHtmlInputElement>("#Input_Secret")!.Value);
        Assert.Contains("one is stored", edit.QuerySelector("label[for=Input_Secret]")!.TextContent);
        Assert.DoesNotContain("s3cret-proxy-key", edit.DocumentElement.OuterHtml);
        Assert.DoesNotContain("s3cret-proxy-key", list.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task A_blank_secret_keeps_the_stored_one_and_remove_clears_it()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await SaveAsync(admin, "/Servers/Edit", new()
        {
            ["Input.Name"] = "Proxy", ["Input.BaseUrl"] = ClosedAddress(), ["Input.Auth"] = "Basic",
            ["Input.BasicUser"] = "maker", ["Input.Secret"] = "pw-one",
        });
        var id = (await ServersAsync()).Single().Id;
        var first = (await ServersAsync()).Single().ProtectedSecret;

        await SaveAsync(admin, $"/Servers/Edit/{id}", new() { ["Input.Name"] = "Proxy renamed" });
        var kept = (await ServersAsync()).Single();
        Assert.Equal(("Proxy renamed", first), (kept.Name, kept.ProtectedSecret));

        await SaveAsync(admin, $"/Servers/Edit/{id}", new() { ["Input.Auth"] = "None", ["Input.RemoveSecret"] = "true" });
        Assert.Null((await ServersAsync()).Single().ProtectedSecret);
    }

    [Theory]
    [InlineData("Input.BaseUrl", "http://maker:pw@gpu-box:8188", "Input.BaseUrl", "Leave the user name and password out of the URL")]
    [InlineData("Input.BaseUrl", "ftp://gpu-box:8188", "Input.BaseUrl", "http or https")]
    [InlineData("Input.BaseUrl", "gpu-box:8188/../x?y=1", "Input.BaseUrl", "http or https")]
    [InlineData("Input.Capacity", "99", "Input.Capacity", "1 to 16")]
    [InlineData("Input.AuthHeaderName", "Bad Header:", "Input.AuthHeaderName", "letters, digits and dashes")]
    public async Task A_bad_comfyui_server_is_refused_beside_the_field_and_nothing_is_stored(string field, string value, string errorField, string message)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = "Box", ["Input.BaseUrl"] = "http://gpu-box:8188", ["Input.Auth"] = "Header",
            ["Input.AuthHeaderName"] = "X-Key", ["Input.Secret"] = "typed-secret",
        };
        values[field] = value;

        var response = await SaveAsync(admin, "/Servers/Edit", values);

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{errorField}']")!.TextContent);
        Assert.Empty(await ServersAsync());
        // What was typed as a secret does not come back in the page.
        Assert.DoesNotContain("typed-secret", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task A_runpod_endpoint_needs_its_id_and_an_api_key_and_names_are_unique()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var missing = await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Pod", ["Input.Kind"] = "RunPod" });
        missing.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var page = await Html.ParseAsync(missing);
        Assert.Contains("endpoint id", page.QuerySelector("[data-valmsg-for='Input.EndpointId']")!.TextContent);
        Assert.Contains("API key", page.QuerySelector("[data-valmsg-for='Input.Secret']")!.TextContent);

        await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Pod", ["Input.Kind"] = "RunPod", ["Input.EndpointId"] = "abc123xyz", ["Input.Secret"] = "rp_key" });
        var pod = Assert.Single(await ServersAsync());
        Assert.Equal((GpuServerKind.RunPod, "abc123xyz", ""), (pod.Kind, pod.EndpointId, pod.BaseUrl));

        var twice = await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Pod", ["Input.BaseUrl"] = "http://other:8188" });
        twice.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("exists already", (await Html.ParseAsync(twice)).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent);
        Assert.Single(await ServersAsync());
    }

    [Fact]
    public async Task A_stale_edit_is_refused_showing_the_current_settings()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Box", ["Input.BaseUrl"] = ClosedAddress() });
        var id = (await ServersAsync()).Single().Id;
        var stale = await admin.GetDocumentAsync($"/Servers/Edit/{id}");
        await SaveAsync(admin, $"/Servers/Edit/{id}", new() { ["Input.Name"] = "Box A" });

        var refused = await admin.SubmitAsync(stale.Form("#server-form"), new Dictionary<string, string> { ["Input.Name"] = "Box B" });

        refused.AssertStatus(HttpStatusCode.Conflict);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Someone else changed this server", page.Text(".form-errors"));
        Assert.Equal("Box A", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("Box A", (await ServersAsync()).Single().Name);
    }

    [Fact]
    public async Task A_server_where_nothing_listens_is_offline_with_the_reason_and_check_now_says_so()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Off", ["Input.BaseUrl"] = ClosedAddress() });
        var server = (await ServersAsync()).Single();
        Assert.Equal((GpuServerStatus.Offline, "Nothing answers at that address."), (server.Status, server.LastError));

        var list = await admin.GetDocumentAsync("/Servers");
        var check = await admin.SubmitAsync(list.Form($"#server-{server.Id} form:has(#check-server-{server.Id})"),
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        var fragment = await Html.ParseAsync(check);
        Assert.Contains("Off is offline: Nothing answers at that address.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.Contains("Nothing answers", fragment.Text($"#server-list #server-{server.Id} .server-status"));
    }

    [Fact]
    public async Task A_comfyui_server_that_answers_is_online_with_its_gpu_vram_and_queue()
    {
        await using var comfy = await new Storyboard.Tests.Fakes.FakeComfyUi().StartAsync();
        var admin = await _factory.CreateAdminClientAsync();
        var saved = await Html.ParseAsync(await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Fake 4090", ["Input.BaseUrl"] = comfy.BaseAddress.ToString() }));

        var server = (await ServersAsync()).Single();
        Assert.Equal("Server saved.", saved.Text("#flash"));
        Assert.Equal((GpuServerStatus.Online, "NVIDIA GeForce RTX 4090", 25_386_352_640L, 0, null),
            (server.Status, server.GpuName, server.VramTotalBytes, server.QueueDepth, server.LastError));
        Assert.Contains("NVIDIA GeForce RTX 4090", saved.Text($"#server-{server.Id}"));

        // It goes down: the next check says so, and keeps what it knew of the GPU.
        comfy.Options.BadGateway = true;
        var list = await admin.GetDocumentAsync("/Servers");
        await admin.SubmitAsync(list.Form($"form:has(#check-server-{server.Id})"));
        server = (await ServersAsync()).Single();
        Assert.Equal((GpuServerStatus.Offline, "NVIDIA GeForce RTX 4090"), (server.Status, server.GpuName));
        Assert.Contains("502", server.LastError);
    }

    [Fact]
    public async Task A_runpod_endpoint_is_online_with_the_right_key_and_offline_with_a_wrong_one()
    {
        await using var runPod = await new Storyboard.Tests.Fakes.FakeRunPod().StartAsync();
        using var factory = new StoryboardFactory().With("Generation:RunPodApiUrl", runPod.BaseAddress.ToString());
        var admin = await factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Servers/Edit");
        await admin.SubmitAsync(page.Form("#server-form"), new Dictionary<string, string>
        {
            ["Input.Name"] = "Pod", ["Input.Kind"] = "RunPod", ["Input.EndpointId"] = "storyboard-endpoint", ["Input.Secret"] = "rp-test-key",
        });
        var pod = await factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync());
        Assert.Equal(GpuServerStatus.Online, pod.Status);

        var edit = await admin.GetDocumentAsync($"/Servers/Edit/{pod.Id}");
        await admin.SubmitAsync(edit.Form("#server-form"), new Dictionary<string, string> { ["Input.Secret"] = "not-the-key" });
        pod = await factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync());
        Assert.Equal((GpuServerStatus.Offline, "The server refused the credentials (401)."), (pod.Status, pod.LastError));
    }

    [Fact]
    public async Task Pause_resume_and_remove_act_on_one_server()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "One", ["Input.BaseUrl"] = ClosedAddress() });
        await SaveAsync(admin, "/Servers/Edit", new() { ["Input.Name"] = "Two", ["Input.BaseUrl"] = ClosedAddress() });
        var (one, two) = ((await ServersAsync())[0].Id, (await ServersAsync())[1].Id);

        var list = await admin.GetDocumentAsync("/Servers");
        var paused = await Html.ParseAsync(await admin.SubmitAsync(list.Form($"form:has(#pause-server-{one})")));
        Assert.Equal("The server is paused: no new jobs go to it.", paused.Text("#flash"));
        Assert.Equal([true, false], (await ServersAsync()).Select(s => s.IsPaused));
        Assert.Equal("Resume One", paused.Text($"#pause-server-{one}"));

        await admin.SubmitAsync(paused.Form($"form:has(#pause-server-{one})"));
        Assert.Equal([false, false], (await ServersAsync()).Select(s => s.IsPaused));

        var after = await admin.GetDocumentAsync("/Servers");
        await admin.SubmitAsync(after.Form($"form:has(#delete-server-{two})"));
        Assert.Equal([one], (await ServersAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task Only_admins_see_and_manage_servers()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var editor = await _factory.CreateUserClientAsync(admin, "eddie", Roles.Editor);

        Assert.NotNull((await admin.GetDocumentAsync("/Servers")).QuerySelector("#nav-servers[aria-current=page]"));
        Assert.Null((await editor.GetDocumentAsync("/Projects")).QuerySelector("#nav-servers"));
        (await editor.GetAsync("/Servers")).AssertStatus(HttpStatusCode.Forbidden);
        (await editor.GetAsync("/Servers/Edit")).AssertStatus(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync", "NVIDIA GeForce RTX 4090")]
    [InlineData("cuda:1 NVIDIA RTX A6000 : native", "NVIDIA RTX A6000")]
    [InlineData("mps", "mps")]
    [InlineData("", null)]
    public void The_gpu_name_is_read_out_of_comfyuis_device_string(string device, string? expected) =>
        Assert.Equal(expected, GpuServerProbe.GpuName(device));
}
