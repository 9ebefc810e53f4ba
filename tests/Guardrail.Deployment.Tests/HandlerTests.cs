using System.Text.Json.Nodes;
using System.Reflection;
using System.Xml.Linq;
using Guardrail.Functions.Runtime;

namespace Guardrail.Deployment.Tests;

public sealed class HandlerTests
{
    private static readonly string[] SingleAccountFunctions = ["BucketPolicyFunction", "DriftScanFunction", "TrustPolicyFunction", "AccessPathFunction"];

    // Organization mode adds the path-scan worker the queued drift scan feeds.
    private static readonly string[] OrganizationFunctions = [.. SingleAccountFunctions, "PathScanWorkerFunction"];

    private static string[] Functions(bool organization) => organization ? OrganizationFunctions : SingleAccountFunctions;

    private static List<(string Logical, JsonObject Resource)> LambdaFunctions(string functionRuntime, bool organization)
    {
        var parameters = organization ? Organization.OrgSetup.CentralParameters() : new(TemplateTool.DefaultParameters);
        parameters["FunctionRuntime"] = functionRuntime;
        return TemplateTool.OfType(TemplateTool.Resources(parameters: parameters), "AWS::Lambda::Function").ToList();
    }

    private static XDocument Project(JsonObject function) =>
        XDocument.Load(Directory.GetFiles(Path.Combine(Processes.Root, function["_CodeUri"]!.GetValue<string>()), "*.csproj").Single());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_handler_string_names_a_public_Task_of_Stream_method_taking_a_Stream(bool organization)
    {
        var functions = LambdaFunctions("managed", organization);

        Assert.Equal(
            Functions(organization).Select(f => $"Guardrail.Functions::Guardrail.Functions.{f}::Handle").Order(),
            functions.Select(f => f.Resource["Properties"]!["Handler"]!.GetValue<string>()).Order());
        foreach (var (logical, function) in functions)
        {
            Assert.Equal("dotnet10", function["Properties"]!["Runtime"]!.GetValue<string>());
            Assert.Equal("makefile", function["_BuildMethod"]!.GetValue<string>());
            var handler = function["Properties"]!["Handler"]!.GetValue<string>().Split("::");
            Assert.Equal(3, handler.Length);
            var (assemblyName, typeName, methodName) = (handler[0], handler[1], handler[2]);

            // The code the function ships is the project the Makefile at CodeUri publishes (ContainerBuildTests checks
            // that it is the assembly the handler names).

            var type = Assembly.Load(assemblyName).GetType(typeName);
            Assert.True(type is { IsPublic: true, IsAbstract: false }, $"{logical}: {typeName} is not a public concrete type");
            Assert.NotNull(type!.GetConstructor(Type.EmptyTypes));
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == methodName).ToList();
            var method = Assert.Single(methods);
            Assert.Equal(typeof(Task<Stream>), method.ReturnType);
            Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Under_the_aot_runtime_every_function_is_the_Native_AOT_bootstrap_on_provided_al2023_and_its_handler_names_the_same_function(bool organization)
    {
        var functions = LambdaFunctions("aot", organization);

        Assert.Equal(Functions(organization).Order(), functions.Select(f => f.Logical).Order());
        foreach (var (logical, function) in functions)
        {
            Assert.Equal("provided.al2023", function["Properties"]!["Runtime"]!.GetValue<string>());

            // SAM CLI's build method for .NET on a provided runtime: Amazon.Lambda.Tools publishes the project at
            // CodeUri, natively when it sets PublishAot, into an executable that must be named bootstrap.
            Assert.Equal("dotnet7", function["_BuildMethod"]!.GetValue<string>());
            var project = Project(function).Root!;
            Assert.Equal("bootstrap", project.Descendants("AssemblyName").Single().Value);
            Assert.Equal("Exe", project.Descendants("OutputType").Single().Value);
            Assert.Equal("true", project.Descendants("PublishAot").Single().Value);

            // _HANDLER is the same handler string as under the managed runtime: the bootstrap runs that function.
            var handler = function["Properties"]!["Handler"]!.GetValue<string>();
            var entry = FunctionCatalog.Find(handler);
            Assert.True(entry is not null, $"{logical}: the bootstrap knows no function {handler}");
            Assert.Equal(logical, entry!.TypeName);
        }
    }

    [Fact]
    public void FunctionRuntime_is_aot_or_managed_and_aot_by_default()
    {
        var parameter = TemplateTool.Parameters()["FunctionRuntime"]!;

        Assert.Equal(["aot", "managed"], parameter["AllowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("aot", parameter["Default"]!.GetValue<string>());
        Assert.Equal(
            LambdaFunctions("aot", organization: false).Select(f => f.Resource["Properties"]!["Runtime"]!.GetValue<string>()),
            TemplateTool.OfType(TemplateTool.Resources(), "AWS::Lambda::Function").Select(f => f.Resource["Properties"]!["Runtime"]!.GetValue<string>()));
    }
}
