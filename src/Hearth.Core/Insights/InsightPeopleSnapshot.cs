using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// The people and teams as a dashboard question grouped them, kept for as long as a response shown with them may be
/// audited against. An earlier response must be rebuilt with the groups it was shown with: rebuilt with today's, a
/// move between teams would make the ward's March figure shown before the move and the same figure now look the same,
/// while their difference is the answer of the person who moved. Stored once per distinct layout, named by a hash of
/// its content, so many responses under the same layout share one row.
/// </summary>
public sealed class InsightPeopleSnapshot
{
    /// <summary>The SHA-256 of <see cref="People"/>, in hex: the name responses give it.</summary>
    public required string Id { get; set; }
    /// <summary>Each person's id, team, profession, site and status, and each team's id, name and parent, compressed.</summary>
    public required byte[] People { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<InsightPeopleSnapshot>(e =>
    {
        e.Property(s => s.Id).HasMaxLength(64);
    });

    /// <summary>The layout's bytes, the same for the same people and teams whatever order they were read in, and their name.</summary>
    internal static (string Id, byte[] People) Of(IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams)
    {
        using var buffer = new MemoryStream();
        using (var compressed = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(compressed, Encoding.UTF8))
        {
            writer.Write(people.Count);
            foreach (var person in people.OrderBy(p => p.UserId, StringComparer.Ordinal))
            {
                writer.Write(person.UserId);
                writer.Write(person.TeamId ?? -1);
                WriteText(writer, person.Profession);
                WriteText(writer, person.Site);
                writer.Write(person.Active);
            }
            writer.Write(teams.Count);
            foreach (var team in teams.OrderBy(t => t.Id))
            {
                writer.Write(team.Id);
                writer.Write(team.Name);
                writer.Write(team.ParentId ?? -1);
            }
        }
        var bytes = buffer.ToArray();
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
    }

    /// <summary>
    /// The people as the snapshot recorded them, each placed where the current layout has them (so figures built from
    /// them count the same answers), leaving out anyone the current layout no longer has: their answers are gone too.
    /// </summary>
    internal static PeopleLayout Read(byte[] bytes, PeopleLayout current)
    {
        var placeOf = current.People.ToDictionary(p => p.UserId, p => p.Index, StringComparer.Ordinal);
        using var reader = new BinaryReader(new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress), Encoding.UTF8);
        var people = new List<GroupedPerson>();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var (id, team, profession, site, active) = (reader.ReadString(), reader.ReadInt32(), ReadText(reader), ReadText(reader), reader.ReadBoolean());
            if (placeOf.TryGetValue(id, out var index))
            {
                people.Add(new GroupedPerson(index, id, team < 0 ? null : team, profession, site, active));
            }
        }
        var teams = new List<TeamNode>();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var (id, name, parent) = (reader.ReadInt32(), reader.ReadString(), reader.ReadInt32());
            teams.Add(new TeamNode(id, name, parent < 0 ? null : parent));
        }
        // In the current layout's order, as the groups list their members in ascending order of place.
        people.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new PeopleLayout(people, teams);
    }

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
