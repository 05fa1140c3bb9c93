using Hearth.Web;
using Hearth.Web.Hosting;

// Text a person reads is put in their language per request (Localization/Text); everything else is
// formatted invariantly whatever the server's own locale, so a worker never writes a decimal comma.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");

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
