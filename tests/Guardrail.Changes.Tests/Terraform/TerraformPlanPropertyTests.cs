using System.Text.Json.Nodes;
using CsCheck;
using Guardrail.Changes.Terraform;

namespace Guardrail.Changes.Tests.Terraform;

/// <summary>Whatever the input, the reader returns changes or throws <see cref="ChangeInputException"/>, nothing else.</summary>
public sealed class TerraformPlanPropertyTests
{
    private static readonly TerraformPlanInput Input = new();
    private static readonly string[] Plans = [.. TerraformCases.Names.Select(TerraformCases.Plan)];
    private static readonly string[] JsonPlans = [.. Plans.Where(IsJson)];
    private static readonly ChangeContext[] Contexts =
    [
        ChangeContext.For("p.json"),
        ChangeContext.For("p.json") with { Account = "111122223333", Region = "eu-west-1" },
    ];

    // Values a mutation puts in place of a node: wrong kinds, empty and odd strings, unknown markers.
    private static readonly Func<JsonNode?>[] Values =
    [
        () => null, () => JsonValue.Create(true), () => JsonValue.Create(false), () => JsonValue.Create(7), () => JsonValue.Create(-1.5e300),
        () => JsonValue.Create(string.Empty), () => JsonValue.Create("\u001b[2J\n"), () => JsonValue.Create("{\"Statement\":"), () => JsonValue.Create("arn:"),
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray(JsonValue.Create("delete"), JsonValue.Create("create")),
        () => new JsonArray(new JsonObject()), () => new JsonObject { ["policy"] = true, ["arn"] = true },
    ];

    [Fact]
    public void Random_text_is_read_or_refused_with_a_change_input_exception() =>
        Gen.String.Sample(text => Reads(text, Contexts[0]), iter: 2000);

    [Fact]
    public void Mutated_plans_are_read_or_refused_with_a_change_input_exception() =>
        Gen.Select(Gen.Int[0, JsonPlans.Length - 1], Gen.Int[0, 1], Gen.Int[1, 4], Gen.Int)
            .Sample((plan, context, count, seed) => Reads(Mutate(JsonPlans[plan], count, seed), Contexts[context]), iter: 3000);

    [Fact]
    public void Cut_and_spliced_plans_are_read_or_refused_with_a_change_input_exception() =>
        Gen.Select(Gen.Int[0, Plans.Length - 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.String[0, 8])
            .Sample((plan, from, to, insert) =>
            {
                var text = Plans[plan];
                var a = (int)(from * text.Length);
                var b = Math.Max(a, (int)(to * text.Length));
                return Reads(text[..a] + insert + text[b..], Contexts[1]);
            }, iter: 2000);

    private static bool IsJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool Reads(string text, ChangeContext context)
    {
        try
        {
            Input.Read(text, context);
        }
        catch (ChangeInputException e)
        {
            Assert.DoesNotContain('\n', e.Message);
        }

        return true;
    }

    /// <summary>Replaces or removes <paramref name="count"/> random nodes of the plan.</summary>
    private static string Mutate(string plan, int count, int seed)
    {
        var random = new Random(seed);
        var root = JsonNode.Parse(plan);
        if (root is null)
        {
            return plan;
        }

        for (var n = 0; n < count; n++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var node = nodes[random.Next(nodes.Count)];
            var value = Values[random.Next(Values.Length)]();
            switch (node.Parent)
            {
                case JsonObject parent:
                    var name = node.GetPropertyName();
                    if (random.Next(4) == 0)
                    {
                        parent.Remove(name);
                    }
                    else
                    {
                        parent[name] = value;
                    }

                    break;
                case JsonArray array:
                    array[node.GetElementIndex()] = value;
                    break;
                default:
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            default:
                break;
        }
    }
}
