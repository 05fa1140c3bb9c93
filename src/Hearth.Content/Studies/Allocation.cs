namespace Hearth.Content.Studies;

/// <summary>An arm and its share of the allocation (a 2:1 design gives one arm weight 2).</summary>
public sealed record ArmWeight(string Arm, int Weight);

/// <summary>How participants are allocated to arms (see docs/studies.md).</summary>
public enum AllocationMethod
{
    /// <summary>Each participant drawn independently, with the arms' weights.</summary>
    Simple,
    /// <summary>Permuted blocks of randomly chosen sizes, one sequence for the whole study.</summary>
    PermutedBlocks,
    /// <summary>Permuted blocks within each stratum (e.g. profession × site).</summary>
    StratifiedBlocks,
    /// <summary>Pocock–Simon minimisation over the stratification factors, with a random element.</summary>
    Minimisation,
}

/// <summary>A participant as allocation sees them: a pseudonymous id and their level of each stratification factor.</summary>
public sealed record AllocationSubject(string Id, IReadOnlyDictionary<string, string> Factors);

/// <summary>One allocation, with what a reviewer needs to re-derive it: the stratum and the position in its sequence.</summary>
public sealed record AllocationDecision(string SubjectId, string Arm, string Stratum, int Position);

/// <summary>
/// The design of an allocation: method, arms and weights, stratification factors, block size multiples,
/// the minimisation's probability of choosing the least-imbalanced arm, and the seed that reproduces it all.
/// </summary>
public sealed record AllocationDesign(
    AllocationMethod Method,
    IReadOnlyList<ArmWeight> Arms,
    ulong Seed,
    IReadOnlyList<string>? StratifyBy = null,
    IReadOnlyList<int>? BlockMultiples = null,
    double MinimisationProbability = 0.8)
{
    public IReadOnlyList<string> Factors => StratifyBy ?? [];

    /// <summary>Block sizes are multiples of the weights' total: by default 1× and 2× (e.g. 3 and 6 for 1:1:1).</summary>
    public IReadOnlyList<int> Multiples => BlockMultiples is { Count: > 0 } m ? m : [1, 2];

    public int WeightTotal => Arms.Sum(a => a.Weight);

    /// <summary>What is wrong with the design, each problem naming its field; empty when it can be used.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Arms.Count < 2)
        {
            problems.Add(("arms", "a study needs at least two arms to allocate between"));
        }
        if (Arms.Any(a => a.Weight is < 1 or > 10))
        {
            problems.Add(("arms", "each arm's weight is a whole number from 1 to 10"));
        }
        if (Arms.Select(a => a.Arm).Distinct(StringComparer.Ordinal).Count() != Arms.Count)
        {
            problems.Add(("arms", "arm names must differ"));
        }
        if (Method is AllocationMethod.StratifiedBlocks or AllocationMethod.Minimisation && Factors.Count == 0)
        {
            problems.Add(("stratify_by", $"{Method} needs at least one factor to stratify by"));
        }
        if (Multiples.Any(m => m is < 1 or > 10))
        {
            problems.Add(("block_multiples", "block sizes are 1 to 10 times the sum of the weights"));
        }
        if (MinimisationProbability is < 0.5 or > 1)
        {
            problems.Add(("minimisation_probability", "the chance of choosing the least-imbalanced arm is between 0.5 and 1"));
        }
        return problems;
    }
}

/// <summary>
/// Allocates participants one at a time, as they enrol. Each decision depends only on the seed and on
/// those enrolled before (never on who comes next), so nothing can be known before enrolment: the list
/// is concealed until revealed one by one, and replaying the same enrolments with the same seed gives the
/// same arms, which is how an auditor checks it. Block sequences are generated per stratum from a stream
/// of their own, so one stratum's draws cannot be inferred from another's.
/// </summary>
public sealed class Allocator
{
    private readonly AllocationDesign _design;
    private readonly List<(AllocationSubject Subject, int Arm)> _history = [];
    private readonly Dictionary<string, (SeededRandom Random, Queue<int> Pending, int Position)> _strata = new(StringComparer.Ordinal);

    public Allocator(AllocationDesign design)
    {
        var problems = design.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), nameof(design));
        }
        _design = design;
    }

    /// <summary>Rebuilds an allocator's state by replaying earlier enrolments (in enrolment order) without new draws beyond theirs.</summary>
    public static Allocator Replay(AllocationDesign design, IEnumerable<AllocationSubject> enrolled)
    {
        var allocator = new Allocator(design);
        foreach (var subject in enrolled)
        {
            allocator.Allocate(subject);
        }
        return allocator;
    }

    public IReadOnlyList<AllocationDecision> Decisions => _decisions;
    private readonly List<AllocationDecision> _decisions = [];

    public AllocationDecision Allocate(AllocationSubject subject)
    {
        var missing = _design.Factors.FirstOrDefault(f => !subject.Factors.ContainsKey(f));
        if (missing is not null)
        {
            throw new ArgumentException($"participant {subject.Id} has no value for the stratification factor '{missing}'", nameof(subject));
        }
        var stratum = _design.Method == AllocationMethod.StratifiedBlocks
            ? string.Join(" × ", _design.Factors.Select(f => $"{f}={subject.Factors[f]}"))
            : "all";
        var (arm, position) = _design.Method switch
        {
            AllocationMethod.Simple => (Weighted(SeededRandom.For(_design.Seed, $"simple/{_history.Count}")), _history.Count),
            AllocationMethod.PermutedBlocks or AllocationMethod.StratifiedBlocks => NextInBlock(stratum),
            _ => (Minimise(subject), _history.Count),
        };
        _history.Add((subject, arm));
        var decision = new AllocationDecision(subject.Id, _design.Arms[arm].Arm, stratum, position);
        _decisions.Add(decision);
        return decision;
    }

    private int Weighted(SeededRandom random)
    {
        var draw = random.Next(_design.WeightTotal);
        for (var a = 0; a < _design.Arms.Count; a++)
        {
            draw -= _design.Arms[a].Weight;
            if (draw < 0)
            {
                return a;
            }
        }
        throw new InvalidOperationException("unreachable: the draw is below the total weight");
    }

    private (int Arm, int Position) NextInBlock(string stratum)
    {
        if (!_strata.TryGetValue(stratum, out var state))
        {
            state = (SeededRandom.For(_design.Seed, $"blocks/{stratum}"), new Queue<int>(), 0);
        }
        if (state.Pending.Count == 0)
        {
            // A new block: a randomly chosen multiple of the weights, each arm its share, shuffled.
            var multiple = _design.Multiples[state.Random.Next(_design.Multiples.Count)];
            var block = new List<int>();
            for (var a = 0; a < _design.Arms.Count; a++)
            {
                block.AddRange(Enumerable.Repeat(a, _design.Arms[a].Weight * multiple));
            }
            state.Random.Shuffle(block);
            foreach (var a in block)
            {
                state.Pending.Enqueue(a);
            }
        }
        var arm = state.Pending.Dequeue();
        _strata[stratum] = (state.Random, state.Pending, state.Position + 1);
        return (arm, state.Position);
    }

    /// <summary>
    /// Pocock–Simon: for each arm, the imbalance the participant would cause is the sum over factors of
    /// the range of weight-scaled counts at the participant's level. The least-imbalanced arm is chosen
    /// with the design's probability, otherwise one of the others at random; ties are broken at random.
    /// </summary>
    private int Minimise(AllocationSubject subject)
    {
        var random = SeededRandom.For(_design.Seed, $"minimisation/{_history.Count}");
        var arms = _design.Arms.Count;
        var imbalance = new double[arms];
        for (var candidate = 0; candidate < arms; candidate++)
        {
            foreach (var factor in _design.Factors)
            {
                var level = subject.Factors[factor];
                var counts = new double[arms];
                foreach (var (earlier, arm) in _history)
                {
                    if (earlier.Factors[factor] == level)
                    {
                        counts[arm]++;
                    }
                }
                counts[candidate]++;
                var scaled = counts.Select((c, a) => c / _design.Arms[a].Weight).ToArray();
                imbalance[candidate] += scaled.Max() - scaled.Min();
            }
        }
        var best = imbalance.Min();
        var preferred = Enumerable.Range(0, arms).Where(a => imbalance[a] == best).ToList();
        var others = Enumerable.Range(0, arms).Where(a => imbalance[a] != best).ToList();
        if (others.Count == 0 || random.NextDouble() < _design.MinimisationProbability)
        {
            return preferred[random.Next(preferred.Count)];
        }
        return others[random.Next(others.Count)];
    }
}
