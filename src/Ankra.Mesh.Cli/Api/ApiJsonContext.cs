using System.Text.Json;
using System.Text.Json.Serialization;
using Ankra.Mesh.Kubeconfig;

namespace Ankra.Mesh.Cli.Api;

/// <summary>
/// JSON of the user API (snake_case field names), generated at compile time: the CLI is a Native AOT
/// binary, where reflection-based serialization is unavailable. Every type the CLI sends, receives or
/// prints with <c>-o json|yaml</c> is listed here.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CurrentUser))]
[JsonSerializable(typeof(ResultPage<ClusterInfo>))]
[JsonSerializable(typeof(List<ClusterInfo>))]
[JsonSerializable(typeof(ImportedCluster))]
[JsonSerializable(typeof(ImportClusterRequest))]
[JsonSerializable(typeof(KubeToken))]
[JsonSerializable(typeof(ResultPage<GrantInfo>))]
[JsonSerializable(typeof(IReadOnlyList<GrantInfo>))]
[JsonSerializable(typeof(GrantEnvelope))]
[JsonSerializable(typeof(CreateGrantRequest))]
[JsonSerializable(typeof(ResultPage<ApiTokenInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ApiTokenInfo>))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(IReadOnlyList<AnkraContext>))]
[JsonSerializable(typeof(ResultPage<MemberInfo>))]
[JsonSerializable(typeof(IReadOnlyList<MemberInfo>))]
[JsonSerializable(typeof(MemberEnvelope))]
[JsonSerializable(typeof(AddMemberRequest))]
[JsonSerializable(typeof(ChangeGrantRequest))]
[JsonSerializable(typeof(LoginStart))]
[JsonSerializable(typeof(LoginPollRequest))]
[JsonSerializable(typeof(LoginPollResult))]
[JsonSerializable(typeof(ResultPage<AuditEventInfo>))]
[JsonSerializable(typeof(IReadOnlyList<AuditEventInfo>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
