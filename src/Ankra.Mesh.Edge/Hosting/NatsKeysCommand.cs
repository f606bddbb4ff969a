using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// <c>Ankra.Mesh.Edge nats-keys --out DIR [--operator NAME]</c>: generates the operator-mode key set of a
/// deployment (operator, system account, the mesh account and its signing key), the nats-server
/// <c>auth.conf</c> to include, and says where each file goes. Run it once, offline; keep the operator
/// and system-account seeds off the control plane.
/// </summary>
internal static class NatsKeysCommand
{
    public static int Run(string[] args)
    {
        string? directory = null;
        var operatorName = "ankra-mesh";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: directory = args[++i]; break;
                case "--operator" when i + 1 < args.Length: operatorName = args[++i]; break;
                default:
                    Console.Error.WriteLine($"nats-keys: unknown argument \"{args[i]}\". Usage: nats-keys --out DIR [--operator NAME]");
                    return 2;
            }
        }

        if (string.IsNullOrEmpty(directory))
        {
            Console.Error.WriteLine("nats-keys: --out DIR is required (an empty directory; seeds are written there with mode 0600).");
            return 2;
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Console.Error.WriteLine($"nats-keys: {directory} is not empty; refusing to overwrite an existing key set.");
            return 2;
        }

        var keys = NatsKeySet.Generate(operatorName);
        keys.WriteTo(directory);
        Console.WriteLine($"""
            Wrote the NATS key set to {directory}:
              auth.conf            -> every nats-server: `include "auth.conf"` (operator, system account, accounts)
              mesh-account.pub     -> edges and silos: Mesh:Nats:AccountPublicKey = {keys.MeshAccountPublicKey}
              account-signing.nk   -> edges (and silos): a Secret mounted at Mesh:Nats:AccountSigningKeyFile
              operator.nk, system-account.nk -> offline storage only; never on the control plane
            """);
        return 0;
    }
}
