namespace Horadus.Sops.Walking;

/// <summary>
/// Walks a SOPS tree in file order like sops's walkBranch/walkSlice, tracking the key path (list indices
/// excluded) and the stack of comments that precede each value, and rebuilds the tree from the callback's
/// results. Null values are passed through untouched.
/// </summary>
internal static class TreeWalker
{
    /// <summary>Called for every scalar and comment; returns the replacement node.</summary>
    public delegate SopsNode LeafVisitor(SopsNode leaf, IReadOnlyList<string> path, IReadOnlyList<IReadOnlyList<string>> commentsStack);

    public static SopsMapping WalkMapping(SopsMapping mapping, LeafVisitor visit) =>
        WalkMapping(mapping, [], [], visit);

    private static SopsNode WalkValue(SopsNode node, List<string> path, List<List<string>> comments, LeafVisitor visit) => node switch
    {
        SopsMapping mapping => WalkMapping(mapping, path, comments, visit),
        SopsSequence sequence => WalkSequence(sequence, path, comments, visit),
        SopsScalar { Type: SopsValueType.Null } => node,
        _ => visit(node, path, comments),
    };

    private static SopsMapping WalkMapping(SopsMapping mapping, List<string> path, List<List<string>> comments, LeafVisitor visit)
    {
        // Each nesting level has its own list of active comments (sops appends a fresh slice per level).
        var stack = new List<List<string>>(comments) { new() };
        var level = stack[^1];
        var items = new List<SopsMappingItem>(mapping.Items.Count);
        foreach (var item in mapping.Items)
        {
            if (item.IsComment)
            {
                var comment = (SopsComment)item.Value;
                level.Add(comment.Text);
                items.Add(new SopsMappingItem(null, visit(comment, path, Snapshot(stack))));
                continue;
            }

            var childPath = new List<string>(path) { item.Key! };
            items.Add(new SopsMappingItem(item.Key, WalkValue(item.Value, childPath, stack, visit)));
            level.Clear();
        }

        return new SopsMapping(items);
    }

    private static SopsSequence WalkSequence(SopsSequence sequence, List<string> path, List<List<string>> comments, LeafVisitor visit)
    {
        var stack = new List<List<string>>(comments) { new() };
        var level = stack[^1];
        var items = new List<SopsNode>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (item is SopsComment comment)
            {
                level.Add(comment.Text);
                items.Add(visit(comment, path, Snapshot(stack)));
                continue;
            }

            items.Add(WalkValue(item, path, stack, visit));
            level.Clear();
        }

        return new SopsSequence(items);
    }

    private static IReadOnlyList<IReadOnlyList<string>> Snapshot(List<List<string>> stack) =>
        stack.Select(level => (IReadOnlyList<string>)[.. level]).ToList();
}
