using System.CommandLine;
using System.Globalization;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster audit</c>: who ran what on a cluster through the gateway (organisation admins).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var cluster = SharedOptions.Cluster();
        var user = new Option<string?>("--user") { Description = "Only this member (email or user id)" };
        var verb = new Option<string?>("--verb") { Description = "Only this Kubernetes verb (get, list, watch, create, delete, …)" };
        var since = new Option<string?>("--since") { Description = "Only events after this: a duration back from now (30s, 15m, 1h, 7d) or an RFC 3339 time" };
        var until = new Option<string?>("--until") { Description = "Only events before this (same forms as --since)" };
        var limit = new Option<int>("--limit") { Description = "Most events to show, newest first (at most 500)", DefaultValueFactory = _ => 100 };
        var output = SharedOptions.Output();
        var command = CommandExamples.New("audit", "Show the gateway audit of a cluster: every kubectl request, who made it under which grant, and the answer.", """
            ankra cluster audit --cluster production --since 1h
            ankra cluster audit --user dev@example.com --verb delete -o json
            """, cluster, user, verb, since, until, limit, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            var now = DateTimeOffset.UtcNow;
            var from = Time(result.GetValue(since), "--since", now);
            var to = Time(result.GetValue(until), "--until", now);
            var count = result.GetValue(limit);
            if (count is < 1 or > 500)
            {
                throw new CliException(ExitCodes.Usage, "--limit must be between 1 and 500.");
            }

            var target = await ClusterResolver.ResolveAsync(context, ClusterResolver.Reference(context, result.GetValue(cluster)), cancellationToken);
            var page = await context.Api.ListAuditAsync(target.Id, result.GetValue(user), result.GetValue(verb), from, to, count, cancellationToken);
            if (DataWriter.TryWrite(context.Out, result.GetValue(output)!, page.Result, ApiJsonContext.Default.IReadOnlyListAuditEventInfo))
            {
                return ExitCodes.Ok;
            }

            TableWriter.Write(context.Out, ["Time", "User", "Role", "Verb", "Resource", "Namespace", "Name", "Status", "Duration", "Request ID"],
                page.Result.Select(e => (IReadOnlyList<string>)[
                    e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Formatting.OrDash(e.UserEmail ?? e.UserId), Formatting.OrDash(e.GrantRole), e.Verb, Resource(e),
                    Formatting.OrDash(e.Namespace), Name(e), e.StatusCode.ToString(CultureInfo.InvariantCulture),
                    Duration(e.DurationMs), e.RequestId]));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A duration back from <paramref name="now"/> (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>) or an RFC 3339 time.</summary>
    internal static DateTimeOffset? Time(string? value, string flag, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var unit = value[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        if (unit > TimeSpan.Zero && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return now - (unit * amount);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new CliException(ExitCodes.Usage, $"{flag} must be a duration such as 30s, 15m, 1h or 7d, or an RFC 3339 time such as 2026-01-31T08:00:00Z.");
    }

    private static string Resource(AuditEventInfo e) =>
        e.Resource.Length == 0 ? e.Path : e.Subresource.Length == 0 ? e.Resource : $"{e.Resource}/{e.Subresource}";

    private static string Name(AuditEventInfo e)
    {
        var name = Formatting.OrDash(e.Name);
        if (e.Command is { Count: > 0 } command)
        {
            name += $" -- {string.Join(' ', command)}";
        }

        return e.ExitCode is { } exit ? $"{name} (exit {exit})" : name;
    }

    private static string Duration(double milliseconds) =>
        milliseconds < 1000 ? $"{milliseconds:0}ms" : TimeSpan.FromMilliseconds(milliseconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
