namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Redshift Serverless, which moto lacks, as recorded answers on 127.0.0.1: <c>GetWorkgroup</c> (its request names a
/// <c>workgroupName</c>) and <c>GetNamespace</c> (any other request), JSON 1.1.
/// </summary>
internal static class ServerlessStandIn
{
    public static ResponseUrlListener Start(string getNamespace, string getWorkgroup)
    {
        ResponseUrlListener? listener = null;
        listener = new ResponseUrlListener(number =>
        {
            var body = listener!.Requests[number - 1].Body;
            return (200, body.Contains("\"workgroupName\"", StringComparison.Ordinal) ? getWorkgroup : getNamespace);
        });
        return listener;
    }
}
