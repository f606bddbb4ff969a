using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>The query of an exec or attach request (<c>command</c> repeated, <c>container</c>, <c>stdin</c>, <c>stdout</c>, <c>stderr</c>, <c>tty</c>).</summary>
internal sealed record RemoteCommandOptions(
    bool IsAttach,
    IReadOnlyList<string> Command,
    string Container,
    bool Stdin,
    bool Stdout,
    bool Stderr,
    bool Tty)
{
    /// <summary>Reads the options; returns an error message (for a 400 Status) when they are not valid for the pod.</summary>
    public static (RemoteCommandOptions? Options, string? Error) Parse(IQueryCollection query, StreamingPod pod, bool isAttach)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(pod);
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            if (pod.Containers.Count == 0)
            {
                return (null, $"pod {pod.Name} has no containers");
            }

            container = pod.Containers[0];
        }
        else if (!pod.Containers.Contains(container, StringComparer.Ordinal))
        {
            return (null, $"container {container} is not valid for pod {pod.Name}");
        }

        var tty = Flag(query, "tty");
        var options = new RemoteCommandOptions(
            isAttach,
            [.. query["command"].Where(part => part is not null).Select(part => part!)],
            container,
            Flag(query, "stdin"),
            Flag(query, "stdout"),
            Flag(query, "stderr") && !tty, // a tty merges stderr into stdout, as kubelet does
            tty);
        if (!isAttach && options.Command.Count == 0)
        {
            return (null, "you must specify at least 1 command");
        }

        if (!options.Stdin && !options.Stdout && !Flag(query, "stderr"))
        {
            return (null, "you must specify at least 1 of stdin, stdout, stderr");
        }

        return (options, null);
    }

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() is "true" or "1" or "True";
}
