namespace Hearth.Core.Setup;

/// <summary>A clock the demo sets by hand, so that its synthetic history is dated in the past.</summary>
internal sealed class DemoClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
