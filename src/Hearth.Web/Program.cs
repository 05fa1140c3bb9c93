using Hearth.Web;
using Hearth.Web.Hosting;

var (hostArgs, switches) = HostStart.Split(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = hostArgs,
    ContentRootPath = HostStart.ContentRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});
builder.Configuration.AddInMemoryCollection(switches);
// Started from outside the project folder in any environment, wwwroot is found through the build's
// static web assets manifest (absent from a published app, where wwwroot sits beside the binaries).
builder.WebHost.UseStaticWebAssets();
builder.AddHearth();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseHearth();
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
