using System.Text.Json.Nodes;
using Guardrail.Aws.Kms;
using Guardrail.Core.Identifiers;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>keys</c> section: for each key a bucket encrypts with, its state, whether AWS manages it, its key policy
/// and its grants, read in the key's own account and Region (from its ARN). A key whose description cannot be read
/// is left out whole; its policy and grants are left out each on its own.
/// </summary>
internal static class KeySection
{
    public static async Task<JsonObject> CollectAsync(CollectionContext context, IReadOnlyList<KeyUse> uses)
    {
        var keys = new JsonObject();
        foreach (var keyArn in uses.Select(u => u.KeyArn).Distinct(StringComparer.Ordinal))
        {
            // arn:PARTITION:kms:REGION:ACCOUNT:key/ID or :alias/NAME
            if (KmsArn.Parse(keyArn) is not { } parsed)
            {
                context.Note($"key {keyArn} is not a KMS ARN; it is left out");
                continue;
            }

            var (region, account) = (parsed.Region, parsed.Account);
            if (await context.TryAsync(keyArn, () => context.In(account)).ConfigureAwait(false) is not { } readers)
            {
                continue;
            }

            var kms = readers.Value.Keys(region);
            if (await context.TryAsync(keyArn, () => context.Once($"describe-key {keyArn}", () => kms.DescribeKeyAsync(keyArn, context.Token))).ConfigureAwait(false) is not { } description)
            {
                continue;
            }

            var key = description.Value;
            context.Facts.Key(keyArn, new KeyRestoreFacts(key.KeyId, key.Arn, key.State, key.AwsManaged));
            keys[keyArn] = await KeyFactsAsync(context, kms, key).ConfigureAwait(false);
        }

        return keys;
    }

    private static async Task<JsonObject> KeyFactsAsync(CollectionContext context, IKeyReader kms, KeyDescription key)
    {
        var facts = new JsonObject();

        // An alias and the key's ARN may both be named by buckets: the documents are read once, by the key's ARN.
        if (await context.TryAsync(key.Arn, () => context.Once($"key-policy {key.Arn}", () => kms.GetKeyPolicyAsync(key.Arn, context.Token))).ConfigureAwait(false) is { } policy)
        {
            facts["policy"] = PolicyJson.Embed(policy.Value);
        }

        facts["state"] = key.State;
        facts["awsManaged"] = key.AwsManaged;
        if (await context.TryAsync(key.Arn, () => context.Once($"grants {key.Arn}", () => kms.ListGrantsAsync(key.Arn, context.Token))).ConfigureAwait(false) is { } grants)
        {
            facts["grants"] = new JsonArray([.. grants.Value.Select(Grant)]);
        }

        return facts;
    }

    private static JsonNode Grant(GrantEntry grant)
    {
        JsonObject? constraints = null;
        if (grant.EncryptionContextEquals is not null || grant.EncryptionContextSubset is not null)
        {
            constraints = [];
            if (grant.EncryptionContextEquals is { } equals)
            {
                constraints["encryptionContextEquals"] = Map(equals);
            }

            if (grant.EncryptionContextSubset is { } subset)
            {
                constraints["encryptionContextSubset"] = Map(subset);
            }
        }

        return new JsonObject
        {
            ["granteePrincipal"] = grant.GranteePrincipal,
            ["operations"] = new JsonArray([.. grant.Operations.Select(o => (JsonNode?)o)]),
            ["constraints"] = constraints,
        };
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
}
