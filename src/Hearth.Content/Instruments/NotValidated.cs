namespace Hearth.Content.Instruments;

/// <summary>
/// What Hearth tells people about a questionnaire it wrote itself (<c>"validated": false</c>). One
/// wording for every place it is shown, so the web app and the CLI cannot drift apart.
/// </summary>
public static class NotValidated
{
    public const string Notice =
        "This is not a validated instrument: Hearth wrote it, and nobody has yet tested how reliably it measures what it asks about. "
        + "Its scores are for spotting patterns in a team over time, not for comparing with published research or for any judgement about a person.";
}
