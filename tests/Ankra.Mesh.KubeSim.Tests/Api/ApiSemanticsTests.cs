using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Audit;

namespace Ankra.Mesh.KubeSim.Tests.Api;

/// <summary>Authentication and the write semantics clients rely on, over plain HTTP.</summary>
public sealed class ApiSemanticsTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Request_UnknownOrMissingToken_Answers401Status()
    {
        using var anonymous = fixture.Client(null);
        using var wrong = fixture.Client("not-a-token");

        var none = await anonymous.GetAsync("api/v1/pods");
        var bad = await wrong.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        var status = await KubeSimFixture.ReadAsync(bad);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
        Assert.Equal(401, status["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Answers409Conflict()
    {
        using var client = fixture.Client();
        var created = await KubeSimFixture.ReadAsync(await client.PostAsync("api/v1/namespaces/default/configmaps",
            KubeSimFixture.Body("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"occ"},"data":{"v":"1"}}""")));
        var first = created.DeepClone().AsObject();
        first["data"]!["v"] = "2";
        var stale = created.DeepClone().AsObject();
        stale["data"]!["v"] = "3";

        var ok = await client.PutAsync("api/v1/namespaces/default/configmaps/occ", KubeSimFixture.Body(first.ToJsonString()));
        var conflict = await client.PutAsync("api/v1/namespaces/default/configmaps/occ", KubeSimFixture.Body(stale.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var status = await KubeSimFixture.ReadAsync(conflict);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"occ\": the object has been modified; please apply your changes to the latest version and try again", status["message"]!.GetValue<string>());
        Assert.NotEqual(Json(created, "metadata.resourceVersion"), Json(await KubeSimFixture.ReadAsync(ok), "metadata.resourceVersion"));
    }

    [Fact]
    public async Task Create_GenerateName_GetsUniqueNameAndMissingNamespaceIs404()
    {
        using var client = fixture.Client();
        const string Body = """{"apiVersion":"v1","kind":"Secret","metadata":{"generateName":"token-"}}""";

        var a = await KubeSimFixture.ReadAsync(await client.PostAsync("api/v1/namespaces/default/secrets", KubeSimFixture.Body(Body)));
        var b = await KubeSimFixture.ReadAsync(await client.PostAsync("api/v1/namespaces/default/secrets", KubeSimFixture.Body(Body)));
        var missing = await client.PostAsync("api/v1/namespaces/absent/secrets", KubeSimFixture.Body(Body));

        Assert.Matches("^token-[a-z0-9]{5}$", Json(a, "metadata.name"));
        Assert.NotEqual(Json(a, "metadata.name"), Json(b, "metadata.name"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("namespaces \"absent\" not found", Json(await KubeSimFixture.ReadAsync(missing), "message"));
    }

    [Fact]
    public async Task Delete_Missing_Answers404StatusWithDetails()
    {
        using var client = fixture.Client();

        var response = await client.DeleteAsync("apis/apps/v1/namespaces/default/deployments/ghost");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await KubeSimFixture.ReadAsync(response);
        Assert.Equal("deployments.apps \"ghost\" not found", Json(status, "message"));
        Assert.Equal("apps", Json(status, "details.group"));
        Assert.Equal("deployments", Json(status, "details.kind"));
    }

    [Fact]
    public async Task Impersonation_UserAndExtras_AreCheckedAndAudited()
    {
        using var agent = fixture.Client(fixture.Server.AgentToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews")
        {
            Content = KubeSimFixture.Body("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"""),
        };
        request.Headers.Add("Impersonate-User", "frank@example.com");
        request.Headers.Add("Impersonate-Extra-Ankra-Request-Id", "r-42");
        using var groupGrab = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces");
        groupGrab.Headers.Add("Impersonate-User", "frank@example.com");
        groupGrab.Headers.Add("Impersonate-Group", "system:masters");
        using var user = fixture.Client(KubeSimFixture.UserToken);
        using var denied = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces");
        denied.Headers.Add("Impersonate-User", "erin");
        denied.Headers.Add("Impersonate-Group", "admins");

        var review = await KubeSimFixture.ReadAsync(await agent.SendAsync(request));
        using var agentGroupDenied = await agent.SendAsync(groupGrab);
        var forbidden = await user.SendAsync(denied);

        Assert.Equal("frank@example.com", Json(review, "status.userInfo.username"));
        Assert.Equal("""["system:authenticated"]""", review["status"]!["userInfo"]!["groups"]!.ToJsonString());
        Assert.Equal("""["r-42"]""", review["status"]!["userInfo"]!["extra"]!["ankra-request-id"]!.ToJsonString());
        var entry = await fixture.Server.Audit.WaitForAsync(e => e.ImpersonatedUser?.Name == "frank@example.com").WaitAsync(KubeSimFixture.Timeout);
        Assert.Equal("system:serviceaccount:ankra:ankra-agent", entry.User!.Name);
        Assert.Equal(["r-42"], entry.ImpersonatedUser!.Extra["ankra-request-id"]);
        // The agent's role (as shipped in k8s/agent/rbac.yaml) impersonates users and its two audit extras, never groups.
        Assert.Equal(HttpStatusCode.Forbidden, agentGroupDenied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("users \"erin\" is forbidden: User \"erin\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
            Json(await KubeSimFixture.ReadAsync(forbidden), "message"));
    }

    [Fact]
    public async Task Impersonation_Uid_NeedsImpersonateOnUidsAndIsAuditedWithUserAndExtras()
    {
        // dave may impersonate users but not uids: the API server checks each impersonated attribute on its own.
        using var admin = fixture.Client();
        Assert.True((await admin.PostAsync("apis/rbac.authorization.k8s.io/v1/clusterroles", KubeSimFixture.Body(
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"users-only"},"rules":[{"apiGroups":[""],"resources":["users"],"verbs":["impersonate"]}]}"""))).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync("apis/rbac.authorization.k8s.io/v1/clusterrolebindings", KubeSimFixture.Body(
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"dave-users-only"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"users-only"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"dave"}]}"""))).IsSuccessStatusCode);
        fixture.Server.AddUserToken("dave-token", "dave");
        using var agent = fixture.Client(fixture.Server.AgentToken);
        using var dave = fixture.Client("dave-token");

        using var asAlice = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/default/configmaps/uid-probe");
        asAlice.Headers.Add("Impersonate-User", "alice@example.com");
        asAlice.Headers.Add("Impersonate-Uid", "0b9d6f52-uid");
        asAlice.Headers.Add("Impersonate-Extra-Ankra-Org-Id", "org-7");
        using var answered = await agent.SendAsync(asAlice);
        using var daveAsAlice = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces");
        daveAsAlice.Headers.Add("Impersonate-User", "alice@example.com");
        daveAsAlice.Headers.Add("Impersonate-Uid", "0b9d6f52-uid");
        using var refused = await dave.SendAsync(daveAsAlice);

        // Alice holds no binding here: the agent may act as her, and she is then refused as herself.
        Assert.Equal(HttpStatusCode.Forbidden, answered.StatusCode);
        var entry = await fixture.Server.Audit.WaitForAsync(e => e.ImpersonatedUser?.Uid == "0b9d6f52-uid" && e.Name == "uid-probe").WaitAsync(KubeSimFixture.Timeout);
        Assert.Equal("system:serviceaccount:ankra:ankra-agent", entry.User!.Name);
        Assert.Equal("alice@example.com", entry.ImpersonatedUser!.Name);
        Assert.Equal(["org-7"], entry.ImpersonatedUser.Extra["ankra-org-id"]);
        var logged = entry.ToAuditJson();
        Assert.Equal("system:serviceaccount:ankra:ankra-agent", Json(logged, "user.username"));
        Assert.Equal("alice@example.com", Json(logged, "impersonatedUser.username"));
        Assert.Equal("0b9d6f52-uid", Json(logged, "impersonatedUser.uid"));
        Assert.Equal("""["org-7"]""", logged["impersonatedUser"]!["extra"]!["ankra-org-id"]!.ToJsonString());
        Assert.Equal("uid-probe", Json(logged, "objectRef.name"));
        Assert.Equal(403, (int?)logged["responseStatus"]!["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("uids.authentication.k8s.io \"0b9d6f52-uid\" is forbidden: User \"dave\" cannot impersonate resource \"uids\" in API group \"authentication.k8s.io\" at the cluster scope",
            Json(await KubeSimFixture.ReadAsync(refused), "message"));
    }

    [Fact]
    public async Task NonResourcePath_WithoutRight_IsForbiddenWithPathMessage()
    {
        using var user = fixture.Client(KubeSimFixture.UserToken);

        var version = await user.GetAsync("version");
        var metrics = await user.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, metrics.StatusCode);
        Assert.Equal("forbidden: User \"erin\" cannot get path \"/metrics\"", Json(await KubeSimFixture.ReadAsync(metrics), "message"));
    }

    [Fact]
    public async Task StreamingSubresources_AreRoutedAfterRbacAndPodLookup()
    {
        fixture.Server.Seed("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"shell","namespace":"default"},"spec":{"containers":[{"name":"c","image":"i"}]}}""");
        using var admin = fixture.Client();
        using var user = fixture.Client(KubeSimFixture.UserToken);

        var missing = await admin.PostAsync("api/v1/namespaces/default/pods/absent/exec?command=env", null);
        var forbidden = await user.PostAsync("api/v1/namespaces/default/pods/shell/exec?command=env", null);
        var handedOver = await admin.GetAsync("api/v1/namespaces/default/pods/shell/portforward?ports=8080");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("pods \"absent\" not found", Json(await KubeSimFixture.ReadAsync(missing), "message"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("pods \"shell\" is forbidden: User \"erin\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\"",
            Json(await KubeSimFixture.ReadAsync(forbidden), "message"));
        Assert.NotEqual(HttpStatusCode.Forbidden, handedOver.StatusCode);
        Assert.NotEqual(HttpStatusCode.NotFound, handedOver.StatusCode);
    }

    [Fact]
    public async Task Discovery_AggregatedAccept_AnswersAggregatedDocument()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "apis");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");

        var response = await client.SendAsync(request);
        var legacy = await KubeSimFixture.ReadAsync(await client.GetAsync("apis"));

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var body = await KubeSimFixture.ReadAsync(response);
        var apps = body["items"]!.AsArray().Single(i => Json(i!, "metadata.name") == "apps")!;
        Assert.Equal("deployments", Json(apps["versions"]![0]!["resources"]![0]!, "resource"));
        Assert.Equal("APIGroupList", Json(legacy, "kind"));
    }

    private static string Json(JsonNode node, string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(node, (n, p) => n?[p])?.GetValue<string>() ?? "";
}
