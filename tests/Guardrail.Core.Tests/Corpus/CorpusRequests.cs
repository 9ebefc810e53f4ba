namespace Guardrail.Core.Tests.Corpus;

/// <summary>Defaults the corpus files may leave out.</summary>
internal static class CorpusRequests
{
    public const string DefaultRole = "arn:aws:iam::123456789012:role/redshift";
    public const string DefaultBucket = "amzn-s3-demo-bucket";
    public const string DefaultObject = "arn:aws:s3:::amzn-s3-demo-bucket/data/file.parquet";
}
