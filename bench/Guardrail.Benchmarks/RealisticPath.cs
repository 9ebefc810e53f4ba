using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.Benchmarks;

/// <summary>
/// A large, healthy access path as real accounts have them: a role with ten managed policies of about 6 KB each
/// (S3, Glue, KMS and other services' statements, many with conditions, a few denies), an inline policy and a
/// permissions boundary; the 20 KB bucket policy of <c>bench/data</c>; a key policy of the usual form; three SCP
/// levels and an RCP perimeter; two tables in an SSE-KMS bucket of the same account. Its verdict is ok, so every
/// hop does its whole work.
/// </summary>
internal static class RealisticPath
{
    public const string Account = "123456789012";
    public const string Role = $"arn:aws:iam::{Account}:role/sales-0";
    public const string Key = $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const int ManagedPolicies = 10;
    public const int ManagedPolicyBytes = 6_000;

    private const string OrgId = "o-abcdef1234";
    private static readonly string[] Services = ["dynamodb", "logs", "sqs", "sns", "athena", "lambda", "cloudwatch", "ssm", "secretsmanager", "ecr"];

    /// <summary>The snapshot's text.</summary>
    public static string Text()
    {
        var bucketPolicy = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "bench", "data", "large-bucket-policy.json")));
        var managed = new JsonObject();
        for (var i = 0; i < ManagedPolicies; i++)
        {
            managed[$"arn:aws:iam::{Account}:policy/analytics-{i}"] = Managed(i);
        }

        var snapshot = new JsonObject
        {
            ["spectrum"] = new JsonObject
            {
                ["roleChain"] = new JsonArray(Role),
                ["cluster"] = new JsonObject { ["kind"] = "provisioned", ["iamRoles"] = new JsonArray(Role), ["vpcEndpoints"] = new JsonArray() },
                ["region"] = "us-east-1",
                ["tables"] = new JsonArray(Table("sales/0/", "orders"), Table("sales/1/", "returns")),
            },
            ["roles"] = new JsonObject
            {
                [Role] = new JsonObject
                {
                    ["trustPolicy"] = Doc(Statement("Allow", ["sts:AssumeRole"], null, principal: new JsonObject { ["Service"] = "redshift.amazonaws.com" })),
                    ["inlinePolicies"] = new JsonObject
                    {
                        ["deny-destructive"] = Doc(
                            Statement("Deny", ["s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"], ["*"]),
                            Statement("Deny", ["glue:Delete*"], ["*"], Condition("StringNotEquals", "aws:PrincipalTag/team", "platform"))),
                    },
                    ["managedPolicies"] = managed,
                    ["permissionsBoundary"] = Doc(
                        Statement("Allow", ["s3:*", "glue:*", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey", "logs:*", "cloudwatch:*", "athena:*", "dynamodb:*", "sqs:*", "sns:*", "lambda:*", "ssm:Get*", "secretsmanager:GetSecretValue", "ecr:*"], ["*"]),
                        Statement("Deny", ["iam:*", "organizations:*", "account:*"], ["*"]),
                        Statement("Deny", ["s3:PutBucketPolicy", "s3:DeleteBucket"], ["*"]),
                        Statement("Deny", ["*"], ["*"], Condition("StringNotEquals", "aws:RequestedRegion", "us-east-1", "us-west-2", "eu-west-1"), notAction: ["iam:*", "sts:*", "s3:GetBucketLocation", "cloudfront:*", "support:*"])),
                    ["tags"] = new JsonObject { ["team"] = "analytics" },
                },
            },
            ["buckets"] = new JsonObject
            {
                ["datalake"] = new JsonObject
                {
                    ["account"] = Account,
                    ["policy"] = bucketPolicy,
                    ["encryption"] = new JsonObject { ["algorithm"] = "aws:kms", ["kmsKeyArn"] = Key, ["bucketKeyEnabled"] = true },
                    ["ownership"] = "BucketOwnerEnforced",
                },
            },
            ["keys"] = new JsonObject
            {
                [Key] = new JsonObject
                {
                    ["policy"] = KeyPolicy(),
                    ["state"] = "Enabled",
                    ["awsManaged"] = false,
                    ["grants"] = new JsonArray(),
                },
            },
            ["catalogs"] = new JsonObject
            {
                [Account] = new JsonObject
                {
                    ["resourcePolicy"] = Doc(
                        Statement("Allow", ["glue:Get*", "glue:BatchGet*", "glue:SearchTables"], [$"arn:aws:glue:us-east-1:{Account}:catalog", $"arn:aws:glue:us-east-1:{Account}:database/*", $"arn:aws:glue:us-east-1:{Account}:table/*"], Condition("StringEquals", "aws:PrincipalOrgID", OrgId), principal: "*"),
                        Statement("Deny", ["glue:DeleteDatabase", "glue:DeleteTable"], ["*"], Condition("StringNotLike", "aws:PrincipalArn", $"arn:aws:iam::{Account}:role/platform-*"), principal: "*")),
                },
            },
            ["organization"] = new JsonObject
            {
                ["id"] = OrgId,
                ["managementAccount"] = "999999999999",
                ["serviceControlPolicies"] = new JsonObject { [Account] = ServiceControlLevels() },
                ["resourceControlPolicies"] = new JsonObject { [Account] = ResourceControlLevels() },
            },
        };
        return snapshot.ToJsonString();
    }

    private static JsonObject Table(string prefix, string name) => new()
    {
        ["bucket"] = "datalake",
        ["prefix"] = prefix,
        ["catalogAccount"] = Account,
        ["database"] = "sales",
        ["table"] = name,
    };

    // One managed policy: statements drawn in turn from realistic templates until it reaches about 6 KB.
    private static JsonObject Managed(int index)
    {
        var statements = new JsonArray();
        if (index == 0)
        {
            statements.Add(Statement("Allow", ["s3:GetObject", "s3:GetObjectVersion"], ["arn:aws:s3:::datalake/sales/*"], sid: "ReadSales"));
            statements.Add(Statement("Allow", ["s3:ListBucket", "s3:GetBucketLocation"], ["arn:aws:s3:::datalake"], Condition("StringLike", "s3:prefix", "sales/*", ""), sid: "ListSales"));
            statements.Add(Statement("Allow", ["s3:GetBucketLocation"], ["arn:aws:s3:::datalake"], sid: "Location"));
            statements.Add(Statement("Allow", ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"], [$"arn:aws:glue:us-east-1:{Account}:catalog", $"arn:aws:glue:us-east-1:{Account}:database/sales", $"arn:aws:glue:us-east-1:{Account}:table/sales/*"], sid: "Catalog"));
            statements.Add(Statement("Allow", ["kms:Decrypt"], [Key], Condition("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com"), sid: "DecryptThroughS3"));
        }

        for (var j = 0; statements.ToJsonString().Length < ManagedPolicyBytes - 400; j++)
        {
            statements.Add(Template(index, j));
        }

        return Doc([.. statements.Select(s => s!.DeepClone().AsObject())]);
    }

    private static JsonObject Template(int index, int j)
    {
        var team = $"team{index}x{j}";
        var service = Services[(index + j) % Services.Length];
        return (j % 8) switch
        {
            0 => Statement("Allow", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], [$"arn:aws:s3:::{team}-staging/*", $"arn:aws:s3:::{team}-results/*"], Condition("StringEquals", "aws:PrincipalTag/team", team), sid: $"Staging{j}"),
            1 => Statement("Allow", ["s3:ListBucket"], [$"arn:aws:s3:::{team}-staging", $"arn:aws:s3:::{team}-results"], Condition("StringLike", "s3:prefix", $"{team}/*", "shared/*"), sid: $"List{j}"),
            2 => Statement("Allow", [$"{service}:Get*", $"{service}:List*", $"{service}:Describe*"], [$"arn:aws:{service}:us-east-1:{Account}:*{team}*"], sid: $"Read{j}"),
            3 => Statement("Allow", ["glue:CreateTable", "glue:UpdateTable", "glue:BatchCreatePartition"], [$"arn:aws:glue:us-east-1:{Account}:catalog", $"arn:aws:glue:us-east-1:{Account}:database/{team}", $"arn:aws:glue:us-east-1:{Account}:table/{team}/*"], Condition("StringEquals", "aws:RequestedRegion", "us-east-1"), sid: $"Write{j}"),
            4 => Statement("Allow", ["kms:Encrypt", "kms:GenerateDataKey*", "kms:Decrypt"], [$"arn:aws:kms:us-east-1:{Account}:key/{index:D8}-{j:D4}-4000-8000-000000000000"], Condition("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com"), sid: $"Keys{j}"),
            5 => Statement("Deny", ["s3:PutObject"], [$"arn:aws:s3:::{team}-results/*"], Condition("StringNotEquals", "s3:x-amz-server-side-encryption", "aws:kms"), sid: $"Encrypted{j}"),
            6 => Statement("Allow", [$"{service}:*"], [$"arn:aws:{service}:*:{Account}:{team}-*"], new JsonObject
            {
                ["DateLessThan"] = new JsonObject { ["aws:CurrentTime"] = "2031-01-01T00:00:00Z" },
                ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "true" },
                ["IpAddress"] = new JsonObject { ["aws:SourceIp"] = new JsonArray("10.0.0.0/8", "192.168.0.0/16") },
            }, sid: $"Temporary{j}"),
            _ => Statement("Deny", ["s3:GetObject"], [$"arn:aws:s3:::datalake/restricted/{team}/*"], Condition("StringNotEquals", "aws:PrincipalTag/clearance", "high"), sid: $"Restricted{j}"),
        };
    }

    private static JsonObject KeyPolicy() => Doc(
        Statement("Allow", ["kms:*"], ["*"], principal: new JsonObject { ["AWS"] = $"arn:aws:iam::{Account}:root" }, sid: "EnableIamPolicies"),
        Statement("Allow", ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], ["*"], principal: new JsonObject { ["AWS"] = $"arn:aws:iam::{Account}:role/key-admin" }, sid: "KeyAdministrators"),
        Statement("Allow", ["kms:Decrypt", "kms:DescribeKey"], ["*"], new JsonObject
        {
            ["StringEquals"] = new JsonObject { ["kms:ViaService"] = "s3.us-east-1.amazonaws.com", ["kms:CallerAccount"] = Account },
            ["StringLike"] = new JsonObject { ["kms:EncryptionContext:aws:s3:arn"] = "arn:aws:s3:::datalake*" },
        }, principal: new JsonObject { ["AWS"] = new JsonArray(Role, $"arn:aws:iam::{Account}:role/etl-writer") }, sid: "ReadersThroughS3"),
        Statement("Deny", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], ["*"], Condition("ArnNotEquals", "aws:PrincipalArn", $"arn:aws:iam::{Account}:role/key-admin"), principal: "*", sid: "ProtectKey"));

    private static JsonArray ServiceControlLevels() => new(
        new JsonArray(Doc(Statement("Allow", ["*"], ["*"], sid: "FullAWSAccess"))),
        new JsonArray(
            Doc(Statement("Allow", ["*"], ["*"], sid: "FullAWSAccess")),
            Doc(
                Statement("Deny", ["organizations:LeaveOrganization", "account:*", "iam:CreateUser", "iam:CreateAccessKey"], ["*"], sid: "Baseline"),
                Statement("Deny", ["*"], ["*"], Condition("StringNotEquals", "aws:RequestedRegion", "us-east-1", "us-west-2", "eu-west-1"), notAction: ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*", "s3:GetBucketLocation", "s3:ListAllMyBuckets"], sid: "Regions"),
                Statement("Deny", ["s3:PutBucketPublicAccessBlock", "s3:PutAccountPublicAccessBlock"], ["*"], Condition("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/platform-*"), sid: "KeepBpa"))),
        new JsonArray(
            Doc(Statement("Allow", ["s3:*", "glue:*", "kms:*", "athena:*", "redshift:*", "logs:*", "cloudwatch:*", "dynamodb:*", "sqs:*", "sns:*", "lambda:*", "ssm:*", "secretsmanager:*", "ecr:*", "sts:*", "iam:*"], ["*"], sid: "AnalyticsServices")),
            Doc(Statement("Deny", ["kms:ScheduleKeyDeletion"], ["*"], Condition("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/key-admin"), sid: "KeepKeys"))));

    private static JsonArray ResourceControlLevels() => new(
        new JsonArray(
            Doc(Statement("Allow", ["*"], ["*"], principal: "*", sid: "RCPFullAWSAccess")),
            Doc(Statement("Deny", ["s3:*", "kms:*", "sts:*"], ["*"], new JsonObject
            {
                ["StringNotEqualsIfExists"] = new JsonObject { ["aws:PrincipalOrgID"] = OrgId },
                ["BoolIfExists"] = new JsonObject { ["aws:PrincipalIsAWSService"] = "false" },
            }, principal: "*", sid: "IdentityPerimeter"))));

    private static JsonObject Condition(string op, string key, params string[] values) =>
        new() { [op] = new JsonObject { [key] = values.Length == 1 ? values[0] : new JsonArray([.. values.Select(v => (JsonNode)v)]) } };

    private static JsonObject Doc(params JsonObject[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. statements]),
    };

    private static JsonObject Statement(string effect, string[] actions, string[]? resources, JsonObject? condition = null, JsonNode? principal = null, string? sid = null, string[]? notAction = null)
    {
        var statement = new JsonObject();
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }

        statement["Effect"] = effect;
        if (principal is not null)
        {
            statement["Principal"] = principal;
        }

        if (notAction is not null)
        {
            statement["NotAction"] = new JsonArray([.. notAction.Select(a => (JsonNode)a)]);
        }
        else
        {
            statement["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]);
        }

        if (resources is not null)
        {
            statement["Resource"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]);
        }

        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }
}
