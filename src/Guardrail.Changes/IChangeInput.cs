using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes;

/// <summary>One input format of proposed changes (a CloudFormation template, a Terraform plan): text in, changes out.</summary>
public interface IChangeInput
{
    /// <summary>The format's name as the CLI and messages say it (<c>cloudformation</c>, <c>terraform-plan</c>).</summary>
    string Format { get; }

    /// <summary>Reads <paramref name="text"/> as this format.</summary>
    /// <exception cref="ChangeInputException">The input is not valid for the format (one line naming the element).</exception>
    IReadOnlyList<ProposedChange> Read(string text, ChangeContext context);
}
