using System.Security.Cryptography;
using System.Text;

namespace Hearth.Core.Security;

/// <summary>How secret links and tokens are stored: only the SHA-256 of the token, as lowercase hex.</summary>
public static class TokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Fresh secrets for links: 24 random bytes as hex (192 bits).</summary>
public static class SecretToken
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
