using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Authentication;

namespace Ankra.Mesh.KubeSim.Authorization;

/// <summary>What is asked of the authorizer (Kubernetes' <c>authorizer.Attributes</c>).</summary>
internal sealed record AuthorizationAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string ApiGroup,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string Path)
{
    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <summary>The reason text of Kubernetes' <c>forbiddenMessage</c>.</summary>
    public string Describe()
    {
        if (!IsResourceRequest)
        {
            return $"User \"{User.Name}\" cannot {Verb} path \"{Path}\"";
        }

        return Namespace.Length > 0
            ? $"User \"{User.Name}\" cannot {Verb} resource \"{ResourceWithSubresource}\" in API group \"{ApiGroup}\" in the namespace \"{Namespace}\""
            : $"User \"{User.Name}\" cannot {Verb} resource \"{ResourceWithSubresource}\" in API group \"{ApiGroup}\" at the cluster scope";
    }

    /// <summary>The full 403 message: <c>pods "x" is forbidden: User …</c>, as <c>apierrors.NewForbidden</c> words it.</summary>
    public string ForbiddenMessage()
    {
        var qualified = !IsResourceRequest ? "" : ApiGroup.Length == 0 ? Resource : $"{Resource}.{ApiGroup}";
        if (qualified.Length == 0)
        {
            return $"forbidden: {Describe()}";
        }

        return Name.Length > 0 ? $"{qualified} \"{Name}\" is forbidden: {Describe()}" : $"{qualified} is forbidden: {Describe()}";
    }

    /// <summary>The <c>details</c> of the 403 Status.</summary>
    public JsonObject ForbiddenDetails() => Api.ApiException.Describe(Name, ApiGroup, Resource);
}
