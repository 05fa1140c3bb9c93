namespace Hearth.Core.Rules;

/// <summary>
/// A request a rule refuses, named for the form field at fault so a page can show the message beside it.
/// The same shape as the file loaders' problems: what is wrong and where.
/// </summary>
public sealed record FieldProblem(string Field, string Message)
{
    /// <summary>The message as a sentence for a page: capital first letter, full stop.</summary>
    public string Sentence => Message.Length == 0 ? Message : char.ToUpperInvariant(Message[0]) + Message[1..] + (Message.EndsWith('.') ? "" : ".");
}

/// <summary>
/// What a request against a resource came to: done, refused by a rule (with the field at fault), or
/// not found. "Not found" also answers a request for someone else's resource, so a caller cannot tell
/// the two apart.
/// </summary>
public readonly record struct Outcome
{
    public FieldProblem? Problem { get; private init; }
    public bool NotFound { get; private init; }
    public bool Done => Problem is null && !NotFound;

    public static Outcome Ok => default;
    public static Outcome Missing => new() { NotFound = true };

    /// <summary>A request that succeeded with <paramref name="value"/>.</summary>
    public static Outcome<T> Of<T>(T value) => Outcome<T>.Succeeded(value);

    public static implicit operator Outcome(FieldProblem problem) => new() { Problem = problem };

    /// <summary>For a request that must succeed (tests, seed data): says why it did not.</summary>
    public void Require()
    {
        if (!Done)
        {
            throw new InvalidOperationException(NotFound ? "not found" : $"{Problem!.Field}: {Problem.Message}");
        }
    }
}

/// <summary><see cref="Outcome"/> with the value a successful request produced.</summary>
public readonly record struct Outcome<T>
{
    public T? Value { get; private init; }
    public FieldProblem? Problem { get; private init; }
    public bool NotFound { get; private init; }
    public bool Done => Problem is null && !NotFound;

    internal static Outcome<T> Succeeded(T value) => new() { Value = value };

    public static implicit operator Outcome<T>(FieldProblem problem) => new() { Problem = problem };
    public static implicit operator Outcome<T>(Outcome failed) =>
        failed.Done ? throw new InvalidOperationException("only a refusal or a miss converts without a value") : new() { Problem = failed.Problem, NotFound = failed.NotFound };

    /// <summary>The value of a request that must have succeeded (tests, seed data); otherwise says why it did not.</summary>
    public T Require() =>
        Done ? Value! : throw new InvalidOperationException(NotFound ? "not found" : $"{Problem!.Field}: {Problem.Message}");
}
