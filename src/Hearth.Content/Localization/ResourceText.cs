using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Hearth.Content.Localization;

/// <summary>
/// One family of resource files (<c>Name.resx</c> in English and <c>Name.&lt;language&gt;.resx</c> beside it) and
/// how Hearth reads it everywhere: by key, in the current UI culture unless told another, placeholders filled
/// invariantly so numbers read the same in every language, and a key that is not there is a bug, not a blank.
/// </summary>
public sealed class ResourceText(string baseName, Assembly assembly)
{
    private readonly ResourceManager _resources = new(baseName, assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (the current UI culture when null), placeholders unfilled.</summary>
    public string Text(string key, CultureInfo? culture = null) =>
        _resources.GetString(key, culture ?? CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"{baseName}.resx has no text '{key}'");

    /// <summary>The text of <paramref name="key"/> in the current UI culture with its placeholders filled.</summary>
    public string Get(string key, params object?[] args) =>
        args.Length == 0 ? Text(key) : string.Format(CultureInfo.InvariantCulture, Text(key), args);
}
