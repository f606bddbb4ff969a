using Ankra.Mesh.Agent.Grants;
using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Agent.Tests.Grants;

public sealed class BindingFactoryTests
{
    private static DesiredGrant Grant(string email = "alice@example.com", GrantScope scope = GrantScope.Cluster) => new()
    {
        GrantId = "5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11",
        KubernetesUser = email,
        KubernetesUid = "6c1f0d1e-alice-uid",
        Role = "view",
        Scope = scope,
        Namespace = scope == GrantScope.Namespace ? "demo" : "",
    };

    [Fact]
    public void ClusterBinding_MemberGrant_SubjectIsTheEmailUserAndNameLabelsFollowTheGrantId()
    {
        var binding = BindingFactory.ClusterBinding(Grant());

        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("User", "alice@example.com", "rbac.authorization.k8s.io"), (subject.Kind, subject.Name, subject.ApiGroup));
        Assert.Equal("ankra-grant-5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11", binding.Metadata.Name);
        Assert.Equal("ankra-mesh", binding.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11", binding.Metadata.Labels["ankra.io/grant-id"]);
        Assert.Equal("alice@example.com", binding.Metadata.Annotations["ankra.io/user"]);
        Assert.Equal("6c1f0d1e-alice-uid", binding.Metadata.Annotations["ankra.io/user-id"]);
        Assert.Equal(("ClusterRole", "view"), (binding.RoleRef.Kind, binding.RoleRef.Name));
    }

    [Fact]
    public void NamespaceBinding_NamespaceGrant_SameSubjectInTheGrantsNamespace()
    {
        var binding = BindingFactory.NamespaceBinding(Grant(scope: GrantScope.Namespace));

        Assert.Equal("demo", binding.Metadata.NamespaceProperty);
        Assert.Equal("alice@example.com", Assert.Single(binding.Subjects).Name);
        Assert.Equal("ankra-grant-5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11", binding.Metadata.Name);
    }

    [Fact]
    public void Matches_EmailChanged_SameRoleButSubjectDiffers()
    {
        var existing = BindingFactory.ClusterBinding(Grant("alice@example.com"));
        var renamed = Grant("alice.jones@example.com");

        Assert.True(BindingFactory.Matches(existing.RoleRef, existing.Subjects, existing.Metadata.Annotations, Grant("alice@example.com")));
        Assert.True(BindingFactory.SameRole(existing.RoleRef, renamed));
        Assert.False(BindingFactory.SameSubject(existing.Subjects, existing.Metadata.Annotations, renamed));
        Assert.False(BindingFactory.Matches(existing.RoleRef, existing.Subjects, existing.Metadata.Annotations, renamed));
    }

    [Fact]
    public void SameSubject_OldStyleBindingWithoutUserIdAnnotation_NeedsAnUpdate()
    {
        // A binding written before bindings carried the user id is brought up to date in place.
        var existing = BindingFactory.ClusterBinding(Grant());
        existing.Metadata.Annotations.Remove("ankra.io/user-id");

        Assert.False(BindingFactory.SameSubject(existing.Subjects, existing.Metadata.Annotations, Grant()));
    }

    [Fact]
    public void SameSubject_ExtraSubjectAdded_Drift()
    {
        var existing = BindingFactory.ClusterBinding(Grant());
        existing.Subjects.Add(new k8s.Models.Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = "system:masters" });

        Assert.False(BindingFactory.SameSubject(existing.Subjects, existing.Metadata.Annotations, Grant()));
    }
}
