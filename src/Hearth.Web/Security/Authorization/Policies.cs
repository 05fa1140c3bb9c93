using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Authorization;

namespace Hearth.Web.Security.Authorization;

/// <summary>
/// Every role check is a named policy, used alike by pages (<c>[Authorize(Policy = …)]</c>, <c>AuthorizeView</c>)
/// and endpoints (<c>RequireAuthorization(…)</c>). A policy is named after the role it requires.
/// </summary>
public static class Policies
{
    public const string Administrator = Roles.Administrator;
    public const string Facilitator = Roles.Facilitator;
    public const string Researcher = Roles.Researcher;
    public const string WellbeingLead = Roles.WellbeingLead;
    /// <summary>Organisation insights: wellbeing leads, and administrators who set the organisation up.</summary>
    public const string InsightsReader = "insights-reader";

    public static AuthorizationBuilder AddHearthPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator))
        .AddPolicy(Facilitator, p => p.RequireRole(Roles.Facilitator))
        .AddPolicy(Researcher, p => p.RequireRole(Roles.Researcher))
        .AddPolicy(WellbeingLead, p => p.RequireRole(Roles.WellbeingLead))
        .AddPolicy(InsightsReader, p => p.RequireRole(Roles.WellbeingLead, Roles.Administrator));
}
