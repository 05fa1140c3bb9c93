using System.Globalization;
using Hearth.Cli;
using Hearth.Cli.Localization;

// The language of the tool's own messages, once for the whole run: HEARTH_LANGUAGE, else the locale, else
// English. Only the UI culture changes; the formatting culture stays invariant, so numbers, JSON and CSV do not.
var language = CliLanguage.Culture(CliLanguage.FromEnvironment());
CultureInfo.DefaultThreadCurrentUICulture = language;
CultureInfo.CurrentUICulture = language;

return HearthCli.Run(args, Console.Out, Console.Error);
