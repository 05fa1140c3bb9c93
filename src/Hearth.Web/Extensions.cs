using Hearth.Web.Localization;
using Hearth.Core.Setup;
using Hearth.Web.Security.Authorization;
using Hearth.Core.Audit;
using Hearth.Core.Accounts;
using Hearth.Core.Cohorts;
using Hearth.Content.Instruments;
using Hearth.Core.Practice;
using Hearth.Content.Programs;
using Hearth.Web.Programs;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Web.Api;
using Hearth.Web.Components;
using Hearth.Web.Security;
using Hearth.Web.Setup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web;

/// <summary>The application's services and pipeline, so that Program.cs stays a short story.</summary>
public static class Extensions
{
    public static void AddHearth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Hearth").Get<HearthOptions>() ?? new HearthOptions();
        if (options.StartupProblems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Hearth cannot start: " + string.Join("; ", problems));
        }
        // Requests must name the public host (unless the operator listed hosts themselves).
        if (options.PublicUrl is not null && builder.Configuration["AllowedHosts"] is null or "*")
        {
            builder.Configuration["AllowedHosts"] = new Uri(options.PublicUrl).Host;
        }
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Hosting.PrivateFiles.PrepareDataDirectory(dataDirectory);
        options.LicensedInstruments ??= Path.Combine(dataDirectory, "licensed");
        var connectionString = builder.Configuration.GetConnectionString("Hearth");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Hosting.PrivateFiles.PrepareSqliteFile(Path.Combine(dataDirectory, Database.SqliteFileName));
            connectionString = Database.SqliteConnectionString(dataDirectory);
        }
        services.AddHearthDatabase(connectionString);

        services.AddSingleton(_ => InstrumentCatalog.Load(
            Path.Combine(AppContext.BaseDirectory, "content", "instruments"),
            Directory.Exists(options.LicensedInstruments) ? options.LicensedInstruments : null));
        services.AddSingleton<Mailer>();
        services.AddSingleton<Hearth.Core.Accounts.IInvitationMail, InvitationMail>();
        services.AddSingleton(sp => new ProgramLibrary(
            Path.Combine(AppContext.BaseDirectory, "content", "programs"),
            Path.Combine(Path.GetFullPath(options.DataDirectory), "programs"),
            sp.GetRequiredService<InstrumentCatalog>(), sp.GetRequiredService<TimeProvider>()));
        // Per request, the catalog as it stands (an administrator's upload replaces it as a whole).
        services.AddScoped(sp => sp.GetRequiredService<ProgramLibrary>().Current);
        services.AddScoped<CohortScheduling>();
        services.AddScoped<CohortMembers>();
        services.AddScoped<CohortAttendance>();
        services.AddScoped<CohortRota>();
        services.AddScoped<CohortAdministration>();
        services.AddScoped<Hearth.Core.Studies.StudyDesigns>();
        services.AddScoped<Hearth.Core.Studies.StudyEnrolment>();
        services.AddScoped<Hearth.Core.Studies.ArmCohorts>();
        services.AddScoped<Hearth.Core.Studies.WedgeSchedules>();
        services.AddSingleton<Hearth.Core.Insights.InsightAnswerStore>();
        services.AddScoped<Hearth.Core.Insights.OrganisationInsights>();
        services.AddScoped<Hearth.Core.Insights.JobDemands>();
        services.AddScoped<Hearth.Core.Insights.Anonymity>();
        services.AddScoped<LanguageChoices>();
        services.AddScoped<Hearth.Core.Insights.OrganisationalChanges>();
        services.AddScoped<Hearth.Web.Insights.TeamReports>();
        services.AddScoped<Hearth.Core.Studies.StudyWaves>();
        services.AddScoped<Hearth.Core.Studies.StudyAnalysis>();
        services.AddScoped<Hearth.Core.Studies.StudyExport>();
        services.AddScoped<Hearth.Core.Studies.WaveLinkRedemption>();
        services.AddScoped<Hearth.Core.Studies.WaveScheduleChanges>();
        services.AddSingleton(sp => new Hearth.Core.Studies.WaveInvitations(sp.GetRequiredService<Func<HearthDbContext>>(), sp.GetRequiredService<TimeProvider>(), options.PublicUrl ?? ""));
        services.AddScoped<ParticipantProgram>();
        services.AddScoped<ReflectionSharing>();
        services.AddScoped<ResultSharing>();
        services.AddScoped<CohortDashboard>();
        services.AddScoped<CohortCalendar>();
        services.AddScoped<PracticeLog>();
        services.AddSingleton<IReminderSender, EmailReminderSender>();
        services.AddHostedService<ReminderWorker>();
        services.AddSingleton(sp => new Hearth.Core.Studies.WaitlistRelease(sp.GetRequiredService<Func<HearthDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<Hearth.Web.Studies.WaitlistWorker>();
        services.AddHostedService<Hearth.Web.Insights.InsightWarmUp>();
        services.AddSingleton<IMeasurementStore>(sp => new BatchingMeasurementStore(sp.GetRequiredService<Func<HearthDbContext>>()));
        services.AddSingleton<MeasurementSecrets>();
        services.AddSingleton<InstrumentChoicesCache>();
        services.AddScoped(sp => new MeasurementService(
            sp.GetRequiredService<HearthDbContext>(), sp.GetRequiredService<InstrumentCatalog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MeasurementSecrets>(), sp.GetRequiredService<IMeasurementStore>(),
            sp.GetRequiredService<InstrumentChoicesCache>()));
        services.AddMemoryCache();
        services.AddScoped(sp => new ResultsQuery(sp.GetRequiredService<HearthDbContext>(), sp.GetRequiredService<InstrumentCatalog>(),
            sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>()));
        services.AddScoped<AuditLog>();
        services.AddScoped<CrisisResources>();
        services.AddScoped<People>();
        services.AddScoped<PersonProfiles>();
        services.AddScoped<Teams>();
        services.AddScoped<InstrumentChoices>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<OrganisationSetup>();
        services.AddScoped<DemoCohorts>();
        services.AddScoped<DemoStudy>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddScoped<Hearth.Core.Security.SignInThrottling>();
        services.AddScoped<AuthenticatorCodes>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountSettings>();
        services.AddScoped<AccountDeletion>();
        services.AddSingleton<SignInSessions>();
        services.AddScoped<PasswordReset>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordReset.LinkLifetime);
        services.AddScoped<Invitations>();
        services.AddScoped<Hearth.Core.Journal.ReflectionJournal>();
        services.AddScoped(sp => new LicensedCopies(sp.GetRequiredService<InstrumentCatalog>(), sp.GetRequiredService<Hearth.Core.Audit.AuditLog>(), options.LicensedInstruments!));
        // Keys in the database: every instance reads the same ones, and they survive restarts.
        // Keys in the database (every instance reads the same ones, and they survive restarts), each one
        // encrypted with a certificate that is not in the database: see KeyFile.
        var keyCertificate = KeyFile.LoadOrCreate(options.KeyFile ?? Path.Combine(dataDirectory, KeyFile.DefaultName), TimeProvider.System);
        services.AddDataProtection().SetApplicationName("Hearth").PersistKeysToDbContext<HearthDbContext>()
            .ProtectKeysWithCertificate(keyCertificate).UnprotectKeysWithAnyCertificate(keyCertificate);

        services.AddIdentityCore<HearthUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<HearthDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HearthClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SchemeSelector.Name;
                o.DefaultChallengeScheme = SchemeSelector.Name;
            })
            .AddPolicyScheme(SchemeSelector.Name, "cookie or token", o => o.ForwardDefaultSelector = SchemeSelector.Select)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "hearth";
            o.Cookie.HttpOnly = true;
            // Secure whenever the request came over HTTPS (directly or, with X-Forwarded-Proto, through a
            // proxy). A plain-HTTP localhost start on a laptop still works; production runs behind TLS.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Strict: the cookie never rides on a request another site starts, which also guards the JSON API.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ApiAware.Unauthorized;
            o.Events.OnRedirectToAccessDenied = ApiAware.Forbidden;
            o.Events.OnValidatePrincipal = ValidateStampWhenDue;
        });
        // Sessions live in the database: signing out ends them on the server.
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, SessionStoreSetup>();
        // A deactivated account or a changed password ends open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hearth-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorizationBuilder().AddHearthPolicies();
        services.AddHearthResourceAuthorization();
        services.AddHearthRateLimits(options.RateLimits);
        services.AddCascadingAuthenticationState();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRazorComponents();
        services.AddHearthLocalization();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        await Database.MigrateAsync(db);
        var setup = scope.ServiceProvider.GetRequiredService<OrganisationSetup>();
        await setup.EnsureRolesAsync();
        if (await LegacyAnswerSealing.RunAsync(db, scope.ServiceProvider.GetRequiredService<MeasurementSecrets>()) is > 0 and var sealedRows)
        {
            app.Logger.LogInformation("Encrypted the answers of {Count} measurements stored before answers were encrypted", sealedRows);
        }
        var options = scope.ServiceProvider.GetRequiredService<HearthOptions>();
        if (options.Demo)
        {
            var logins = await scope.ServiceProvider.GetRequiredService<OrganisationSetup>().SeedDemoAsync(options.DemoPassword);
            if (logins.Count > 0)
            {
                await scope.ServiceProvider.GetRequiredService<DemoCohorts>().SeedAsync();
                await scope.ServiceProvider.GetRequiredService<DemoStudy>().SeedAsync();
            }
            foreach (var (email, password, roles) in logins)
            {
                app.Logger.LogWarning("Demo login: {Email} / {Password} ({Roles})", email, password, roles);
                Console.WriteLine($"demo login: {email} / {password} ({roles})");
            }
        }
        WarnAboutUnreadableKeys(app, scope.ServiceProvider);
        foreach (var problem in scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().Problems)
        {
            app.Logger.LogWarning("Instrument left out: {Problem}", problem.ToString());
        }
        foreach (var problem in scope.ServiceProvider.GetRequiredService<ProgramCatalog>().Problems)
        {
            app.Logger.LogWarning("Program left out: {Problem}", problem.ToString());
        }
    }

    /// <summary>
    /// A database started with another key file (or restored without its own) holds keys this instance
    /// cannot decrypt: say so plainly, because everything encrypted with them now reads as unreadable.
    /// </summary>
    private static void WarnAboutUnreadableKeys(WebApplication app, IServiceProvider services)
    {
        var keys = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys();
        var unreadable = keys.Count(key =>
        {
            try
            {
                _ = key.Descriptor;
                return false;
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or InvalidOperationException)
            {
                return true;
            }
        });
        if (unreadable > 0)
        {
            app.Logger.LogWarning("{Unreadable} of the {Count} data protection keys in the database cannot be decrypted with this key file: "
                + "journals, answers, notes and sign-ins protected with them cannot be read. Start with the key file they were made with (Hearth:KeyFile).",
                unreadable, keys.Count);
        }
    }

    public static void UseHearth(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            // Only from proxies on this machine (the default known proxy is loopback).
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        app.UseExceptionHandler();
        app.UseHsts(); // sent on HTTPS responses only
        // The API answers errors with ProblemDetails; a browser gets a page in the site's layout.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages
            // A fresh service scope: the failed page may already have used this request's (its NavigationManager, say).
            .UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true)
            // The status page is rendered as a GET whatever the failed request was (a POST would be taken
            // for a form submission); the original status code stays on the response.
            .Use((context, next) =>
            {
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
                {
                    context.Request.Method = HttpMethods.Get;
                }
                return next(context);
            }));
        app.UseSecurityHeaders();
        app.UseApiBodyLimit();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        // Routing after the status code pages, so that a re-executed request is routed to its page.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMeApiV1();
        app.MapAccountEndpoints();
        app.MapProgramEndpoints();
        Hearth.Web.Studies.StudyEndpoints.MapStudyEndpoints(app);
        Hearth.Web.Insights.InsightEndpoints.MapInsightEndpoints(app);
        app.MapRazorComponents<App>();
    }

    /// <summary>
    /// Identity's security-stamp check, asked only when it is due. The check itself waits for the validation interval
    /// (a minute, below) after the ticket was issued, but resolving it builds a sign-in manager and a user manager on
    /// every request first, a twentieth of a check-in's CPU spent to hear "not yet". The same rule is applied here
    /// before anything is built: no issue time, or more than the interval since, and the full check runs.
    /// </summary>
    private static Task ValidateStampWhenDue(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
