using Hearth.Web;

var builder = WebApplication.CreateBuilder(args);
if (args.Contains("--demo"))
{
    builder.Configuration["Hearth:Demo"] = "true";
}
builder.AddHearth();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseHearth();
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
