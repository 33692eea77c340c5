using System.Text.Json;
using Json.Schema;

namespace Horadus.Manifest.Schema;

/// <summary>
/// Evaluates the converted manifest against the embedded schema and turns every failing keyword into a
/// human diagnostic at the YAML position it concerns.
/// </summary>
internal static class SchemaValidator
{
    /// <returns>Whether the document is valid; when it is not, diagnostics have been added for what could be explained.</returns>
    public static bool Validate(LoadContext context)
    {
        // The node written out and read back as an element: JsonNode's own writer needs no reflection (the binary is AOT-compiled).
        using var document = JsonDocument.Parse(context.Root?.ToJsonString() ?? "null");
        var instance = document.RootElement;
        var results = ManifestSchema.Compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return true;
        }

        var messages = new SchemaMessages(context);
        foreach (var unit in Flatten(results).Where(u => !u.IsValid && u.Errors is { Count: > 0 }))
        {
            var evaluationPath = unit.EvaluationPath.ToString();

            // "Exactly one of" rules (oneOf) fail inside every branch; the semantic checks explain them once, plainly.
            if (evaluationPath.Contains("/oneOf/", StringComparison.Ordinal) || evaluationPath.EndsWith("/oneOf", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (keyword, libraryMessage) in unit.Errors!)
            {
                messages.Add(keyword, libraryMessage, evaluationPath, unit.InstanceLocation.ToString());
            }
        }

        messages.Flush();
        return false;
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }
}
