using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace RelIntel.Tests.Browser;

/// <summary>
/// A page in Debian's chromium (<c>/usr/bin/chromium</c>, apt package <c>chromium</c>; <c>.ci/run</c> installs it), driven by
/// Playwright, with the service on a real loopback port. Playwright never downloads a browser here. Each launch gets a
/// fresh, empty profile (user-data dir) from Playwright; each test a new context and page. Everything the page logs as an
/// error, every uncaught script error and every failed or 4xx/5xx request is collected, so a test can say there were none.
/// </summary>
public abstract class ChromiumPageTest : PageTest
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags Debian's chromium needs here: headless as root, and no calls home on a closed network.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly List<string> problems = [];

    protected RelIntelApp App { get; private set; } = null!;

    /// <summary>The service's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    protected Uri BaseAddress { get; private set; } = null!;

    /// <summary>Screenshots go here (printed in the test output), to be looked at or copied under docs/.</summary>
    protected static string ScreenshotFolder { get; } = Path.Combine(Path.GetTempPath(), "relintel-screenshots");

    public override Task<BrowserTypeLaunchOptions?> LaunchOptionsAsync()
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"Browser tests need Debian's chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        return Task.FromResult<BrowserTypeLaunchOptions?>(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>Settings this fixture's service starts with, on top of appsettings.json.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    [OneTimeSetUp]
    public void StartServiceOnLoopbackPort()
    {
        App = RelIntelApp.OnLoopbackPort(TestNeo4j.Uri, Settings);
        BaseAddress = App.Address;
        Directory.CreateDirectory(ScreenshotFolder);
    }

    [OneTimeTearDown]
    public async Task StopService() => await App.DisposeAsync();

    [SetUp]
    public void CollectProblems()
    {
        problems.Clear();
        Page.SetDefaultTimeout(20_000);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !(message.Text.StartsWith("Failed to load resource") && message.Location.Contains("/favicon.ico:")))
                problems.Add($"console error: {message.Text} ({message.Location})");
        };
        Page.PageError += (_, error) => problems.Add($"page error: {error}");
        Page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsFaviconProbe(response.Request))
                problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    /// <summary>
    /// Chromium asks every HTML page's origin for /favicon.ico unless the page names an icon; the service has none, so
    /// that 404 is the browser's own probe, not the page's error. (A page can stop it with &lt;link rel="icon" href="data:,"&gt;.)
    /// </summary>
    private static bool IsFaviconProbe(IRequest request) => request.Method == "GET" && new Uri(request.Url).AbsolutePath == "/favicon.ico";

    /// <summary>What went wrong on the page so far: console errors, script errors, failed requests (empty when none).</summary>
    protected IReadOnlyList<string> PageProblems => problems.ToList();

    /// <summary>A client of the service on its port, calling as the bootstrap admin.</summary>
    protected HttpClient AdminClient() => App.CreateClient();

    /// <summary>
    /// A screenshot of the whole page (or only what the window shows, or <paramref name="element"/>) into <see cref="ScreenshotFolder"/>, attached to
    /// the test result; returns its path.
    /// </summary>
    protected async Task<string> ScreenshotAsync(string name, ILocator? element = null, bool fullPage = true)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        if (element is null) await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        else await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        await TestContext.Out.WriteLineAsync($"Screenshot: {path}");
        TestContext.AddTestAttachment(path);
        return path;
    }
}
