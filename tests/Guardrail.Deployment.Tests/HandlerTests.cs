using System.Reflection;
using System.Xml.Linq;

namespace Guardrail.Deployment.Tests;

public sealed class HandlerTests
{
    [Fact]
    public void Every_handler_string_names_a_public_Task_of_Stream_method_taking_a_Stream()
    {
        var functions = TemplateTool.OfType(TemplateTool.Resources(), "AWS::Lambda::Function").ToList();

        Assert.Equal(
            new[] { "BucketPolicyFunction", "DriftScanFunction", "TrustPolicyFunction", "AccessPathFunction" }.Select(f => $"Guardrail.Functions::Guardrail.Functions.{f}::Handle").Order(),
            functions.Select(f => f.Resource["Properties"]!["Handler"]!.GetValue<string>()).Order());
        foreach (var (logical, function) in functions)
        {
            var handler = function["Properties"]!["Handler"]!.GetValue<string>().Split("::");
            Assert.Equal(3, handler.Length);
            var (assemblyName, typeName, methodName) = (handler[0], handler[1], handler[2]);

            // The code the function ships is the project at CodeUri, whose assembly the handler names.
            var project = Directory.GetFiles(Path.Combine(Processes.Root, function["_CodeUri"]!.GetValue<string>()), "*.csproj").Single();
            var declared = XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).SingleOrDefault() ?? Path.GetFileNameWithoutExtension(project);
            Assert.True(assemblyName == declared, $"{logical}: handler assembly {assemblyName}, project builds {declared}");

            var type = Assembly.Load(assemblyName).GetType(typeName);
            Assert.True(type is { IsPublic: true, IsAbstract: false }, $"{logical}: {typeName} is not a public concrete type");
            Assert.NotNull(type!.GetConstructor(Type.EmptyTypes));
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == methodName).ToList();
            var method = Assert.Single(methods);
            Assert.Equal(typeof(Task<Stream>), method.ReturnType);
            Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
        }
    }
}
