namespace Hearth.Web.Tests;

/// <summary>Tests that need Hearth already set up (an organisation and its administrator) share one app per class.</summary>
public abstract class SetUpAppTests(HearthApp app) : IClassFixture<HearthApp>, IAsyncLifetime
{
    protected HearthApp App { get; } = app;

    public Task InitializeAsync() => App.EnsureSetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
