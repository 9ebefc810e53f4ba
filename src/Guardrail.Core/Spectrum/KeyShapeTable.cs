using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// The documented forms of values the guardrail cannot know exactly. Each shape may admit more strings than AWS
/// produces (runs have no upper length), never fewer, so what it decides holds for the real value.
/// </summary>
public static class KeyShapeTable
{
    private const string WordChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

    // STS AssumeRole RoleSessionName: "[\w+=,.@-]*", 2 to 64 characters.
    private const string SessionNameChars = WordChars + "+=,.@-";

    private const string RegionChars = "abcdefghijklmnopqrstuvwxyz0123456789-";

    /// <summary><c>sts:RoleSessionName</c>: the RoleSessionName Redshift passes to AssumeRole.</summary>
    public static ValueShape RoleSessionName { get; } = new(ShapePart.Run(SessionNameChars, 2));

    /// <summary><c>aws:userid</c> of a role session: <c>role-id:caller-specified-role-name</c>, role ids starting <c>AROA</c>.</summary>
    public static ValueShape RoleSessionUserId { get; } = new(
        ShapePart.Literal("AROA"),
        ShapePart.Run(WordChars, 1),
        ShapePart.Literal(":"),
        ShapePart.Run(SessionNameChars, 2));

    /// <summary>Redshift's Region-scoped service principal, <c>redshift.REGION.amazonaws.com</c> (<c>.cn</c> in China).</summary>
    public static ValueShape RegionalRedshiftPrincipal { get; } = new(
        ShapePart.Literal("redshift."),
        ShapePart.Run(RegionChars, 1),
        ShapePart.Literal(".amazonaws.com"),
        ShapePart.Run(".cn", 0));
}
