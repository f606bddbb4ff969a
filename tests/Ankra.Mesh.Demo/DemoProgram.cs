using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Demo;

/// <summary>
/// <c>./mesh demo [--postgres] [--ha] [--port N]</c>: starts the whole system on loopback (<c>--ha</c>: the
/// scaled-out shape behind HAProxy, see <see cref="MeshStackOptions.HighAvailability"/>), prints
/// <c>READY kubeconfig=…</c> and example commands, runs until SIGINT/SIGTERM, then stops every process.
/// </summary>
internal static class DemoProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Path.GetFullPath(Path.Combine(".mesh", "demo"));
        Directory.CreateDirectory(root);
        using var demoLock = TryLock(Path.Combine(root, "demo.lock"));
        if (demoLock is null)
        {
            await Console.Error.WriteLineAsync($"Another `./mesh demo` is running (see {Path.Combine(root, "demo.lock")}); stop it with Ctrl-C first.");
            return 1;
        }

        await demoLock.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
        await demoLock.FlushAsync();
        var options = new MeshStackOptions
        {
            Directory = Path.Combine(root, "run"),
            Postgres = args.Contains("--postgres"),
            HighAvailability = args.Contains("--ha"),
            EdgePort = PortArgument(args),
            IdentityProvider = true,
        };
        if (Directory.Exists(options.Directory))
        {
            Directory.Delete(options.Directory, recursive: true);
        }

        using var stopping = new CancellationTokenSource();
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        Console.WriteLine(options.HighAvailability
            ? $"Starting Ankra Mesh, highly available: PostgreSQL, 2 silos, 2 edges behind HAProxy, a 3-server NATS cluster, 2 agent replicas; logs in {Path.Combine(options.Directory, "logs")} …"
            : $"Starting Ankra Mesh ({(options.Postgres ? "PostgreSQL, separate silo" : "embedded, not durable")}; one NATS server, operator-mode credentials and TLS); logs in {Path.Combine(options.Directory, "logs")} …");
        await using var stack = await MeshStack.StartAsync(options, stopping.Token);
        Console.WriteLine($"READY kubeconfig={stack.Kubeconfig} portal={stack.PortalUrl}");
        Console.WriteLine($"Portal: {stack.PortalUrl} (sign in at the development identity provider {stack.IdentityProviderUrl}; the browser must accept the demo CA {stack.Certificates.CaPath}, or click through its warning)");
        foreach (var user in options.DemoUsers)
        {
            var what = user.Email == options.AdminEmail ? "organisation admin" : user.Invited ? "invited member" : "not a member (invite them in the API to see the flow)";
            Console.WriteLine($"  {user.Email,-24} password {user.Password}   {what}");
        }

        Console.WriteLine($"Browser login of the CLI: {MeshBinariesAnkra()} --config /tmp/me.yaml login --base-url {stack.EdgeUrl} --certificate-authority {stack.Certificates.CaPath}");
        Console.WriteLine($"""
            Try (kubectl runs `ankra cluster kube-token` for a short-lived token on each command):
              export KUBECONFIG={stack.Kubeconfig}
              kubectl get pods
              kubectl logs -f web-0
              kubectl exec -i web-0 -- cat <<< "hello through the tunnel"
              kubectl port-forward pod/web-0 18080:8080   # then: curl http://127.0.0.1:18080/
              kubectl get pods -w
            The admin's CLI config: ankra --config {stack.AnkraConfig} cluster access list --cluster {options.ClusterName}
            Press Ctrl-C to stop everything.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping …");
        }

        return 0;
    }

    private static string MeshBinariesAnkra() => Ankra.Mesh.Testing.MeshBinaries.Ankra;

    private static FileStream? TryLock(string path)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock on Linux: a second demo cannot open it.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int PortArgument(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var port) ? port : 0;
    }
}
