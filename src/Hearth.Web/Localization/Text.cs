namespace Hearth.Web.Localization;

/// <summary>
/// The pages' words, by key, in Text.resx (English) and one file per language beside it. Pages ask for
/// them through <c>IStringLocalizer&lt;Text&gt;</c> (<c>L["Nav.CheckIn"]</c>), which takes the request's
/// UI culture; the request's formatting culture stays invariant, so numbers in SVG, attributes and
/// exports never take a decimal comma by accident. Dates and numbers a person reads go through
/// <see cref="Readable"/> in their language.
/// </summary>
public sealed class Text;
