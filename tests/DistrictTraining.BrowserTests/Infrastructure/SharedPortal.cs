namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// A portal shared by every test in the browser collection. It starts on an empty database,
/// but what one test creates the next one sees: a test that needs an untouched portal
/// (the first-run setup, for one) starts its own <see cref="PortalApp"/> instead.
/// </summary>
public sealed class SharedPortal : IAsyncLifetime
{
    private PortalApp? _app;

    public PortalApp App => _app ?? throw new InvalidOperationException("The shared portal is not started.");

    public Task InitializeAsync()
    {
        _app = new PortalApp().Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
