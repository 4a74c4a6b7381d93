using RelIntel.Client;

namespace RelIntel.Tests.Client;

/// <summary>A fixture with the service running in-process on the test Neo4j and the generated client calling it as admin.</summary>
public abstract class ClientTest
{
    protected RelIntelApp App { get; private set; } = null!;

    /// <summary>The HTTP connection the client uses: the test server's address and the bootstrap admin key.</summary>
    protected HttpClient Http { get; private set; } = null!;

    protected RelIntelClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        App = new RelIntelApp(TestNeo4j.Uri);
        Http = App.CreateClient();
        Client = new RelIntelClient(Http);
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
