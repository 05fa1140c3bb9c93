using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Hearth.Core.Security;

/// <summary>
/// Decrypting what a person wrote when the key it was encrypted with is not available (a database restored
/// without its key file): the text is shown as unreadable instead of the page failing.
/// </summary>
public static class Unreadable
{
    public const string Text = "(This text cannot be read: the key it was encrypted with is not available on this server.)";

    public static string UnprotectOrNotice(this IDataProtector protector, string ciphertext)
    {
        try
        {
            return protector.Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            return Text;
        }
    }
}
