using System.Security.Claims;
using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Security;

/// <summary>Adds the person's display name to their sign-in, so pages can greet them without a database read.</summary>
public sealed class HearthClaimsFactory(UserManager<HearthUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HearthUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HearthUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}
