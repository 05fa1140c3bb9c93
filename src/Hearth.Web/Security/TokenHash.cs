using System.Security.Cryptography;
using System.Text;

namespace Hearth.Web.Security;

/// <summary>How secret links and tokens are stored: only the SHA-256 of the token, as lowercase hex.</summary>
public static class TokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
