using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// The people and teams as a dashboard question grouped them, kept for as long as a response shown with them may be
/// audited against. An earlier response must be rebuilt with the groups it was shown with: rebuilt with today's, a
/// move between teams would make the ward's March figure shown before the move and the same figure now look the same,
/// while their difference is the answer of the person who moved. Named by a hash of its content, so responses under
/// the same layout share one row. Most are stored as the changes from an earlier one (<see cref="Base"/>): at
/// 100,000 people a whole layout is megabytes, a move is a few bytes.
/// </summary>
public sealed class InsightPeopleSnapshot
{
    /// <summary>The SHA-256, in hex, of the whole layout in a fixed order: the name responses give it.</summary>
    public required string Id { get; set; }
    /// <summary>The snapshot this one is stored as changes from; null when it is stored whole.</summary>
    public string? Base { get; set; }
    /// <summary>Compressed: the people (id, team, profession, site, status) that differ from the base or all of them, those gone since the base, and the teams.</summary>
    public required byte[] People { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<InsightPeopleSnapshot>(e =>
    {
        e.Property(s => s.Id).HasMaxLength(64);
        e.Property(s => s.Base).HasMaxLength(64);
        // A snapshot stored as changes needs its base for as long as it is kept.
        e.HasOne<InsightPeopleSnapshot>().WithMany().HasForeignKey(s => s.Base).OnDelete(DeleteBehavior.Restrict);
    });

    /// <summary>One person as a layout groups them.</summary>
    internal readonly record struct Member(string UserId, int? TeamId, string? Profession, string? Site, bool Active);

    /// <summary>The name of a layout: the same for the same people and teams, whatever order they were read in.</summary>
    internal static string IdOf(IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            Write(writer, [.. people.Select(MemberOf)], [], teams);
        }
        hash.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    internal static Member MemberOf(GroupedPerson p) => new(p.UserId, p.TeamId, p.Profession, p.Site, p.Active);

    /// <summary>The layout's stored form: whole, or as the changes from <paramref name="base"/> when one is given.</summary>
    internal static byte[] Payload(PeopleLayout layout, PeopleLayout? @base)
    {
        var members = layout.People.Select(MemberOf);
        List<string> gone = [];
        if (@base is not null)
        {
            var before = @base.People.ToDictionary(p => p.UserId, MemberOf, StringComparer.Ordinal);
            var now = layout.People.Select(p => p.UserId).ToHashSet(StringComparer.Ordinal);
            members = members.Where(m => !before.TryGetValue(m.UserId, out var was) || was != m);
            gone = [.. before.Keys.Where(id => !now.Contains(id))];
        }
        // The teams are written only when they changed (thousands of names, and a move changes none of them).
        var teams = @base is not null && @base.Teams.OrderBy(t => t.Id).SequenceEqual(layout.Teams.OrderBy(t => t.Id)) ? null : layout.Teams;
        using var buffer = new MemoryStream();
        using (var compressed = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(compressed, Encoding.UTF8))
        {
            Write(writer, [.. members], gone, teams);
        }
        return buffer.ToArray();
    }

    /// <summary>A layout from its stored forms, in order: from <paramref name="start"/> when given, else from the whole one first.</summary>
    internal static (Dictionary<string, Member> People, List<TeamNode> Teams) Apply(IEnumerable<byte[]> payloads, PeopleLayout? start)
    {
        var people = start?.People.ToDictionary(p => p.UserId, MemberOf, StringComparer.Ordinal) ?? new Dictionary<string, Member>(StringComparer.Ordinal);
        var teams = start?.Teams ?? [];
        foreach (var payload in payloads)
        {
            using var reader = new BinaryReader(new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress), Encoding.UTF8);
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var member = new Member(reader.ReadString(), ReadNumber(reader), ReadText(reader), ReadText(reader), reader.ReadBoolean());
                people[member.UserId] = member;
            }
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                people.Remove(reader.ReadString());
            }
            if (reader.ReadInt32() is var teamCount and >= 0) // -1: the teams as they were
            {
                teams = [];
                for (; teamCount > 0; teamCount--)
                {
                    teams.Add(new TeamNode(reader.ReadInt32(), reader.ReadString(), ReadNumber(reader)));
                }
            }
        }
        return (people, teams);
    }

    /// <summary>
    /// An earlier layout with each person placed where the current layout has them (so figures built from it count the
    /// same answers), leaving out anyone the current layout no longer has: their answers are gone too.
    /// </summary>
    internal static PeopleLayout PlacedAs(Dictionary<string, Member> people, List<TeamNode> teams, PeopleLayout current)
    {
        var placed = new List<GroupedPerson>();
        foreach (var person in current.People)
        {
            if (people.TryGetValue(person.UserId, out var then))
            {
                placed.Add(new GroupedPerson(person.Index, then.UserId, then.TeamId, then.Profession, then.Site, then.Active));
            }
        }
        return new PeopleLayout(placed, teams);
    }

    /// <param name="teams">Null: the same as the base's.</param>
    /// <summary>An earlier layout placed as <paramref name="current"/> places people.</summary>
    internal static PeopleLayout PlacedAs(PeopleLayout earlier, PeopleLayout current) =>
        PlacedAs(earlier.People.ToDictionary(p => p.UserId, MemberOf, StringComparer.Ordinal), earlier.Teams, current);

    private static void Write(BinaryWriter writer, List<Member> people, List<string> gone, IReadOnlyList<TeamNode>? teams)
    {
        people.Sort((a, b) => string.CompareOrdinal(a.UserId, b.UserId));
        writer.Write(people.Count);
        foreach (var person in people)
        {
            writer.Write(person.UserId);
            WriteNumber(writer, person.TeamId);
            WriteText(writer, person.Profession);
            WriteText(writer, person.Site);
            writer.Write(person.Active);
        }
        gone.Sort(StringComparer.Ordinal);
        writer.Write(gone.Count);
        foreach (var id in gone)
        {
            writer.Write(id);
        }
        writer.Write(teams?.Count ?? -1);
        foreach (var team in teams?.OrderBy(t => t.Id) ?? Enumerable.Empty<TeamNode>())
        {
            writer.Write(team.Id);
            writer.Write(team.Name);
            WriteNumber(writer, team.ParentId);
        }
    }

    private static void WriteNumber(BinaryWriter writer, int? number) => writer.Write(number ?? -1);

    private static int? ReadNumber(BinaryReader reader) => reader.ReadInt32() is var n and >= 0 ? n : null;

    private static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    private static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
