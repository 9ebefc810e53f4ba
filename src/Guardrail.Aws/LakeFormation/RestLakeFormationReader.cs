using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Rest;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.LakeFormation;

/// <summary><see cref="ILakeFormationReader"/> over REST-JSON (<c>POST /OPERATION</c>, API version 2017-03-31).</summary>
public sealed class RestLakeFormationReader(AwsRestJsonClient client, AwsCallCounter counter) : ILakeFormationReader
{
    public async Task<IReadOnlyList<LfRegisteredLocation>> ListResourcesAsync(CancellationToken cancellationToken) =>
        [.. (await ListAsync("ListResources", [], "ResourceInfoList", cancellationToken).ConfigureAwait(false)).Select(info => Location(info, "ListResources")).OfType<LfRegisteredLocation>()];

    public Task<LfRegisteredLocation?> DescribeResourceAsync(string resourceArn, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "lakeformation:DescribeResource", async () =>
        {
            try
            {
                var response = await client.PostAsync("DescribeResource", new JsonObject { ["ResourceArn"] = resourceArn }, cancellationToken).ConfigureAwait(false);
                return Location(JsonFields.Object(response, "ResourceInfo"), "DescribeResource")
                    ?? throw new AwsCallException("lakeformation:DescribeResource", "InvalidResponse", "the answer has no ResourceInfo with a ResourceArn");
            }
            catch (Query.AwsServiceException e) when (e.Code == "EntityNotFoundException")
            {
                // Lake Formation's answer for a location that is not registered.
                return null;
            }
        });

    public async Task<IReadOnlyList<LfPermissionEntry>> ListPermissionsAsync(LfPermissionFilter filter, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["Resource"] = LfResourceJson.ToApi(filter.Resource) };
        if (filter.Principal is not null)
        {
            request["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = filter.Principal };
        }

        return Entries(await ListAsync("ListPermissions", request, "PrincipalResourcePermissions", cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<LfPermissionEntry>> ListPermissionsOfTypeAsync(string resourceType, CancellationToken cancellationToken) =>
        Entries(await ListAsync("ListPermissions", new JsonObject { ["ResourceType"] = resourceType }, "PrincipalResourcePermissions", cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<LfPermissionEntry>> ListTagPolicyTablePermissionsAsync(CancellationToken cancellationToken)
    {
        List<JsonObject> items;
        try
        {
            items = await ListAsync("ListPermissions", new JsonObject { ["ResourceType"] = "LF_TAG_POLICY_TABLE" }, "PrincipalResourcePermissions", cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.Code is "InvalidInputException" or "InternalServerError" or "InternalServiceException")
        {
            // An implementation that does not filter by this resource type (moto 5.2 answers 500) gives the same
            // answer listed whole: every grant of the catalog, of which the LF-tag policies on tables are kept.
            items = await ListAsync("ListPermissions", [], "PrincipalResourcePermissions", cancellationToken).ConfigureAwait(false);
        }

        return [.. Entries(items).Where(e => e.Resource is LfResource.TagPolicy { ResourceType: LfTagResourceType.Table })];
    }

    private static LfPermissionEntry[] Entries(List<JsonObject> items) =>
        [.. items.Select(item => JsonFields.Text(JsonFields.Object(item, "Principal"), "DataLakePrincipalIdentifier") is { } principal
            ? new LfPermissionEntry(principal, LfResourceJson.FromApi(JsonFields.Object(item, "Resource")), JsonFields.Object(item, "Resource")?.ToJsonString() ?? "{}", JsonFields.Texts(item, "Permissions") ?? [], JsonFields.Texts(item, "PermissionsWithGrantOption") ?? [])
            : throw Invalid("ListPermissions", "Principal.DataLakePrincipalIdentifier"))];

    public async Task<LfResourceTags> GetResourceTagsAsync(LfResource resource, CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, "lakeformation:GetResourceLFTags", () =>
            client.PostAsync("GetResourceLFTags", new JsonObject { ["Resource"] = LfResourceJson.ToApi(resource) }, cancellationToken)).ConfigureAwait(false);
        return new LfResourceTags(Tags(response, "LFTagOnDatabase"), Tags(response, "LFTagsOnTable"));
    }

    public async Task<IReadOnlyList<LfOptInEntry>> ListOptInsAsync(string? principal, LfResource? resource, CancellationToken cancellationToken)
    {
        var request = new JsonObject();
        if (principal is not null)
        {
            request["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = principal };
        }

        if (resource is not null)
        {
            request["Resource"] = LfResourceJson.ToApi(resource);
        }

        var items = await ListAsync("ListLakeFormationOptIns", request, "LakeFormationOptInsInfoList", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(item => JsonFields.Text(JsonFields.Object(item, "Principal"), "DataLakePrincipalIdentifier") is { } who
            ? new LfOptInEntry(who, LfResourceJson.FromApi(JsonFields.Object(item, "Resource")), JsonFields.Object(item, "Resource")?.ToJsonString() ?? "{}")
            : throw Invalid("ListLakeFormationOptIns", "Principal.DataLakePrincipalIdentifier"))];
    }

    public async Task<LfDataLakeSettings> GetDataLakeSettingsAsync(CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, "lakeformation:GetDataLakeSettings", () =>
            client.PostAsync("GetDataLakeSettings", [], cancellationToken)).ConfigureAwait(false);
        var settings = JsonFields.Object(response, "DataLakeSettings") ?? throw Invalid("GetDataLakeSettings", "DataLakeSettings");
        return new LfDataLakeSettings(
            [.. JsonFields.Objects(settings, "DataLakeAdmins").Select(p => JsonFields.Text(p, "DataLakePrincipalIdentifier")).OfType<string>()],
            Defaults(settings, "CreateDatabaseDefaultPermissions"),
            Defaults(settings, "CreateTableDefaultPermissions"));
    }

    private static List<LfDefaultPermission> Defaults(JsonObject settings, string name) =>
        [.. JsonFields.Objects(settings, name)
            .Select(p => JsonFields.Text(JsonFields.Object(p, "Principal"), "DataLakePrincipalIdentifier") is { } principal
                ? new LfDefaultPermission(principal, JsonFields.Texts(p, "Permissions") ?? [])
                : null)
            .OfType<LfDefaultPermission>()];

    private static SortedDictionary<string, IReadOnlyList<string>> Tags(JsonObject response, string name)
    {
        var tags = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var pair in JsonFields.Objects(response, name))
        {
            if (JsonFields.Text(pair, "TagKey") is { } key)
            {
                tags[key] = JsonFields.Texts(pair, "TagValues") ?? [];
            }
        }

        return tags;
    }

    private static LfRegisteredLocation? Location(JsonObject? info, string operation) =>
        JsonFields.Text(info, "ResourceArn") is { } arn
            ? new LfRegisteredLocation(arn, JsonFields.Text(info, "RoleArn") ?? throw Invalid(operation, "RoleArn"), JsonFields.Flag(info, "HybridAccessEnabled") ?? false)
            : null;

    private async Task<List<JsonObject>> ListAsync(string operation, JsonObject request, string listName, CancellationToken cancellationToken)
    {
        var call = $"lakeformation:{operation}";
        var items = new List<JsonObject>();
        string? next = null;
        var pages = 0;
        do
        {
            ReadLimits.CheckPage(call, pages++);
            var body = (JsonObject)request.DeepClone();
            if (next is not null)
            {
                body["NextToken"] = next;
            }

            var page = await AwsCall.RunAsync(counter, call, () => client.PostAsync(operation, body, cancellationToken)).ConfigureAwait(false);
            items.AddRange(JsonFields.Objects(page, listName));
            next = JsonFields.NextToken(page);
        }
        while (next is not null);

        return items;
    }

    private static AwsCallException Invalid(string operation, string name) => new($"lakeformation:{operation}", "InvalidResponse", $"the answer has no {name}");
}
