using Hearth.Content.Instruments;

namespace Hearth.Cli;

internal static class LicenceNames
{
    public static string Of(LicenceKind kind) => kind switch
    {
        LicenceKind.PublicDomain => "public-domain",
        LicenceKind.FreeWithAttribution => "free-with-attribution",
        LicenceKind.FreeNonCommercial => "free-non-commercial",
        LicenceKind.LicenceRequired => "licence-required",
        _ => kind.ToString(),
    };
}
