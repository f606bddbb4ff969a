using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.Deploy.Tests.Logging;

/// <summary>
/// Operators filter and alert on a log line's event id, so within one process an id names one message. Each
/// deployable's assemblies of ours are read from the process's build output and every <c>[LoggerMessage]</c> id they
/// declare is collected.
/// </summary>
public sealed class LogEventIdTests(ITestOutputHelper output)
{
    public static TheoryData<string> Processes => new() { "Ankra.Mesh.Edge", "Ankra.Mesh.Silo", "Ankra.Mesh.Standalone", "Ankra.Mesh.Agent", "Ankra.Mesh.KubeSim" };

    [Theory]
    [MemberData(nameof(Processes))]
    public void LoggerMessages_OneProcess_HaveUniqueEventIds(string process)
    {
        var messages = LoggerMessagesOf(MeshBinaries.PathOf(process));

        var clashes = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"event id {g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        var assemblies = messages.Select(m => m.Method[..m.Method.LastIndexOf('.', m.Method.LastIndexOf('.') - 1)]).Distinct().Order(StringComparer.Ordinal);
        output.WriteLine($"{process}: {messages.Count} log messages in {string.Join(", ", assemblies)}");
        Assert.True(messages.Count > 0, $"{process}: no [LoggerMessage] found — the scan is broken");
        Assert.True(clashes.Count == 0, $"{process} logs different messages under one event id:\n{string.Join('\n', clashes)}");
        Assert.DoesNotContain(messages, m => m.EventId == 0);
    }

    /// <summary>
    /// Every [LoggerMessage] of the process's Ankra.Mesh.* assemblies (from its build output folder), as (event id,
    /// "Assembly.Type.Method"). Read as metadata, never loaded: the assemblies need the ASP.NET Core framework this test
    /// process does not have.
    /// </summary>
    private static List<(int EventId, string Method)> LoggerMessagesOf(string entryAssembly)
    {
        var folder = Path.GetDirectoryName(entryAssembly)!;
        var found = new List<(int, string)>();
        var pending = new Stack<string>([Path.GetFileNameWithoutExtension(entryAssembly)]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            using var file = File.OpenRead(Path.Combine(folder, name + ".dll"));
            using var pe = new PEReader(file);
            var metadata = pe.GetMetadataReader();
            found.AddRange(LoggerMessagesIn(metadata, name));
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
                if (reference.StartsWith("Ankra.Mesh.", StringComparison.Ordinal))
                {
                    pending.Push(reference);
                }
            }
        }

        return found;
    }

    private static IEnumerable<(int, string)> LoggerMessagesIn(MetadataReader metadata, string assembly)
    {
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (IsLoggerMessage(metadata, attribute))
                    {
                        var id = EventIdOf(attribute.DecodeValue(AttributeValues.Instance));
                        yield return (id, $"{assembly}.{metadata.GetString(type.Name)}.{metadata.GetString(method.Name)}");
                    }
                }
            }
        }
    }

    private static bool IsLoggerMessage(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.GetString(type.Name) == "LoggerMessageAttribute" && metadata.GetString(type.Namespace) == "Microsoft.Extensions.Logging";
    }

    /// <summary>The id given positionally (<c>[LoggerMessage(3000, …)]</c>) or by name (<c>EventId = 5001</c>); 0 when none.</summary>
    private static int EventIdOf(CustomAttributeValue<string> value)
    {
        foreach (var named in value.NamedArguments)
        {
            if (named.Name == "EventId" && named.Value is int id)
            {
                return id;
            }
        }

        return value.FixedArguments.Length > 0 && value.FixedArguments[0].Type == "int" && value.FixedArguments[0].Value is int first ? first : 0;
    }

    /// <summary>Names the types of attribute arguments; enums (LogLevel) are ints underneath.</summary>
    private sealed class AttributeValues : ICustomAttributeTypeProvider<string>
    {
        public static readonly AttributeValues Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.Int32 ? "int" : typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
