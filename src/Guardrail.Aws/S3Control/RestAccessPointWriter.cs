using System.Xml.Linq;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.S3Control;

/// <summary><see cref="IAccessPointWriter"/> over S3 Control's REST-XML API.</summary>
public sealed class RestAccessPointWriter(AwsRestXmlClient client, AwsCallCounter counter) : IAccessPointWriter
{
    private static readonly XNamespace S3Control = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    public Task PutAccessPointPolicyAsync(string name, string policy, CancellationToken cancellationToken)
    {
        var body = new XDocument(new XElement(S3Control + "PutAccessPointPolicyRequest", new XElement(S3Control + "Policy", policy)));
        return AwsCall.RunAsync(counter, "s3:PutAccessPointPolicy", () =>
            (Task)client.SendAsync(HttpMethod.Put, $"/v20180820/accesspoint/{Uri.EscapeDataString(name)}/policy", "PutAccessPointPolicy", body, cancellationToken));
    }
}
