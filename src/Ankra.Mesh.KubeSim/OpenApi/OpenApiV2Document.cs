using Ankra.Mesh.KubeSim.Discovery;
using Ankra.Mesh.KubeSim.Resources;

namespace Ankra.Mesh.KubeSim.OpenApi;

/// <summary>
/// <c>/openapi/v2</c> in the only form kubectl reads it: gnostic's <c>openapi_v2.Document</c> protobuf.
/// kubectl ≤ 1.27 downloads it before every create/apply to learn whether the server validates fields
/// itself (a PATCH operation tagged with the kind's <c>x-kubernetes-group-version-kind</c> that declares
/// the <c>fieldValidation</c> query parameter); without it, it refuses to create anything. No definitions
/// are included, so kubectl computes strategic merge patches from the types compiled into it.
/// </summary>
internal static class OpenApiV2Document
{
    // Field numbers of gnostic's OpenAPIv2.proto.
    private const int DocumentSwagger = 1, DocumentInfo = 2, DocumentPaths = 8;
    private const int InfoTitle = 1, InfoVersion = 2;
    private const int PathsPath = 2, NamedName = 1, NamedValue = 2;
    private const int PathItemPatch = 8, OperationId = 5, OperationParameters = 8, OperationVendorExtension = 13;
    private const int ParametersItemParameter = 1, ParameterNonBody = 2, NonBodyQuery = 3;
    private const int QueryIn = 2, QueryName = 4, QueryType = 6, AnyYaml = 2;

    public static byte[] Build(ResourceCatalog catalog)
    {
        var document = new ProtoWriter()
            .String(DocumentSwagger, "2.0")
            .Message(DocumentInfo, info => info.String(InfoTitle, "Kubernetes").String(InfoVersion, DiscoveryDocuments.ServerVersion));
        document.Message(DocumentPaths, paths =>
        {
            foreach (var type in catalog.Types.Where(t => !t.IsReview))
            {
                var prefix = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
                var scope = type.Namespaced ? "/namespaces/{namespace}" : "";
                paths.Message(PathsPath, named => named
                    .String(NamedName, $"{prefix}{scope}/{type.Plural}/{{name}}")
                    .Message(NamedValue, item => item.Message(PathItemPatch, operation => operation
                        .String(OperationId, $"patch{type.Kind}")
                        .Message(OperationParameters, parameter => parameter.Message(ParametersItemParameter, p => p.Message(ParameterNonBody, nonBody =>
                            nonBody.Message(NonBodyQuery, query => query.String(QueryIn, "query").String(QueryName, "fieldValidation").String(QueryType, "string")))))
                        .Message(OperationVendorExtension, extension => extension
                            .String(NamedName, "x-kubernetes-group-version-kind")
                            .Message(NamedValue, any => any.String(AnyYaml, $"group: \"{type.Group}\"\nkind: {type.Kind}\nversion: {type.Version}\n"))))));
            }
        });
        return document.ToArray();
    }
}
