namespace Guardrail.Core.Findings;

/// <summary>The fix of a trust policy that does not let Redshift in: a statement naming only the service principals it lacks.</summary>
public static class TrustFix
{
    /// <summary>The fix proposing one statement that trusts exactly <paramref name="principals"/> (one or more service principal names).</summary>
    public static string Missing(IReadOnlyList<string> principals)
    {
        ArgumentNullException.ThrowIfNull(principals);
        if (principals.Count == 0)
        {
            throw new ArgumentException("at least one principal", nameof(principals));
        }

        var service = principals.Count == 1 ? Quoted(principals[0]) : "[" + string.Join(", ", principals.Select(Quoted)) + "]";
        var who = principals.Count == 1 ? "service principal" : "service principals";
        var names = principals.Count == 1 ? Names(principals[0]) : "Amazon Redshift " + who;
        return $"Let the {names} assume the role: {{\"Effect\": \"Allow\", \"Principal\": {{\"Service\": {service}}}, \"Action\": \"sts:AssumeRole\"}}.";
    }

    private static string Names(string principal) => principal.StartsWith("redshift-serverless.", StringComparison.Ordinal)
        ? "Amazon Redshift Serverless service principal"
        : "Amazon Redshift service principal";

    private static string Quoted(string value) => "\"" + value + "\"";
}
