using System.CommandLine;
using System.Text.RegularExpressions;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster access list | grant | revoke</c>: who may use kubectl on a cluster.</summary>
internal static partial class AccessCommands
{
    public static Command Create()
    {
        var access = CommandExamples.New("access", "Manage who can use kubectl on a cluster (organisation admins).", """
            ankra cluster access list --cluster production
            ankra cluster access grant dev@example.com --cluster production --role view
            """);
        access.Subcommands.Add(CreateList());
        access.Subcommands.Add(CreateGrant());
        access.Subcommands.Add(CreateRevoke());
        return access;
    }

    private static Command CreateList()
    {
        var cluster = SharedOptions.Cluster();
        var output = SharedOptions.Output();
        var command = CommandExamples.New("list", "List the access grants of a cluster.", """
            ankra cluster access list --cluster production
            """, cluster, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var target = await ClusterResolver.ResolveAsync(context, ClusterResolver.Reference(context, context.ParseResult.GetValue(cluster)), cancellationToken);
            var grants = await context.Api.ListGrantsAsync(target.Id, cancellationToken);
            if (DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, grants, ApiJsonContext.Default.IReadOnlyListGrantInfo))
            {
                return ExitCodes.Ok;
            }

            TableWriter.Write(context.Out, ["ID", "User", "Scope", "Namespace", "Role", "Status", "Created"],
                grants.Select(g => (IReadOnlyList<string>)[g.Id, g.UserEmail, g.Scope, Formatting.OrDash(g.Namespace), g.Role,
                    Formatting.OrDash(g.ReconcileStatus), Formatting.Timestamp(g.CreatedAt)]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateGrant()
    {
        var email = new Argument<string>("email") { Description = "Email of the organisation member" };
        var cluster = SharedOptions.Cluster();
        var role = new Option<string>("--role") { Description = "view, edit, admin or cluster-admin", DefaultValueFactory = _ => "view" }
            .AcceptOnlyFromAmong("view", "edit", "admin", "cluster-admin");
        var ns = new Option<string?>("--namespace") { Description = "Limit the grant to one namespace (default: whole cluster)" };
        var output = SharedOptions.Output();
        var command = CommandExamples.New("grant", "Grant a member kubectl access with a built-in Kubernetes role (again on the same scope: change the role).", """
            ankra cluster access grant dev@example.com --cluster production --role view
            ankra cluster access grant dev@example.com --role edit --namespace team-a
            ankra cluster access grant dev@example.com --cluster production --role edit   # changes the existing grant's role
            """, email, cluster, role, ns, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            var target = await ClusterResolver.ResolveAsync(context, ClusterResolver.Reference(context, result.GetValue(cluster)), cancellationToken);
            var (member, newRole, inNamespace) = (result.GetValue(email)!, result.GetValue(role)!, result.GetValue(ns));

            // A member holds one grant per scope and namespace: granting again there changes that grant's role.
            var existing = (await context.Api.ListGrantsAsync(target.Id, cancellationToken)).FirstOrDefault(g =>
                string.Equals(g.UserEmail, member, StringComparison.OrdinalIgnoreCase) && g.Namespace == inNamespace
                && g.Scope == (inNamespace is null ? "cluster" : "namespace"));
            var changedFrom = existing is not null && existing.Role != newRole ? existing.Role : null;
            var grant = changedFrom is not null
                ? await context.Api.ChangeGrantRoleAsync(target.Id, existing!.Id, newRole, cancellationToken)
                : await context.Api.CreateGrantAsync(target.Id, member, newRole, inNamespace, cancellationToken);
            if (!DataWriter.TryWrite(context.Out, result.GetValue(output)!, grant, ApiJsonContext.Default.GrantInfo))
            {
                var where = grant.Namespace is null ? "the whole cluster" : $"namespace {grant.Namespace}";
                await context.Out.WriteLineAsync(changedFrom is not null
                    ? $"Changed {grant.UserEmail}'s role on {where} of {target.Name} from {changedFrom} to {grant.Role} (grant {grant.Id}, {grant.ReconcileStatus ?? "pending"})."
                    : $"Granted {grant.Role} on {where} of {target.Name} to {grant.UserEmail} (grant {grant.Id}, {grant.ReconcileStatus ?? "pending"}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var reference = new Argument<string>("grant") { Description = "Grant id, or an email to revoke all of that member's grants" };
        var cluster = SharedOptions.Cluster();
        var command = CommandExamples.New("revoke", "Revoke a grant; the member's kubectl access ends at once.", """
            ankra cluster access revoke 3f2c9a70-0d9e-4c55-b1d1-9a6f7e0c2b11 --cluster production
            ankra cluster access revoke dev@example.com --cluster production
            """, reference, cluster);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var target = await ClusterResolver.ResolveAsync(context, ClusterResolver.Reference(context, context.ParseResult.GetValue(cluster)), cancellationToken);
            var value = context.ParseResult.GetValue(reference)!;
            var ids = new List<string>();
            if (EmailPattern().IsMatch(value))
            {
                var grants = await context.Api.ListGrantsAsync(target.Id, cancellationToken);
                ids.AddRange(grants.Where(g => string.Equals(g.UserEmail, value, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id));
                if (ids.Count == 0)
                {
                    throw new CliException(ExitCodes.NotFound, $"{value} has no grant on cluster {target.Name}.");
                }
            }
            else
            {
                ids.Add(value);
            }

            foreach (var id in ids)
            {
                await context.Api.DeleteGrantAsync(target.Id, id, cancellationToken);
                await context.Out.WriteLineAsync($"Revoked grant {id} on {target.Name}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailPattern();
}
