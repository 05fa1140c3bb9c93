using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hearth.Web.Security;

/// <summary>
/// The certificate that encrypts the Data Protection key ring. The keys themselves live in the database
/// (so every instance shares them); this certificate does not, so a copy of the database (or a backup)
/// alone cannot decrypt journals, answers, notes or sign-in cookies. It is created on first start in the
/// data directory (hearth-keys.pfx, readable by the app's user only), or read from Hearth:KeyFile, which
/// several instances point at. Lose it and everything encrypted with the key ring is lost with it.
/// </summary>
public static class KeyFile
{
    public const string DefaultName = "hearth-keys.pfx";

    public static X509Certificate2 LoadOrCreate(string path, TimeProvider clock)
    {
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Hearth data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = clock.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var pfx = created.Export(X509ContentType.Pkcs12);
        // Written aside and renamed into place, so two instances starting at once never read half a file.
        var staging = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(staging, options))
        {
            file.Write(pfx);
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(staging, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(staging); // another instance created it first: use theirs
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
