namespace Hearth.Web.Localization;

// The words of each area of the site live in their own resource files beside Text.resx (ProgramsText.resx,
// ProgramsText.es-MX.resx …), so that an area's pages and their translations change together. Pages of an
// area ask for them as T: @inject IStringLocalizer<ProgramsText> T. Shared words (navigation, buttons used
// everywhere, the check-in and results) stay in Text, asked for as L.

/// <summary>Programs, cohorts, sessions and practice.</summary>
public sealed class ProgramsText;

/// <summary>Studies: design, consent, waves, analysis.</summary>
public sealed class StudiesText;

/// <summary>Organisation insights: dashboards, job demands, organisational changes, team reports.</summary>
public sealed class InsightsText;

/// <summary>Administration and first-run set-up.</summary>
public sealed class AdminText;
