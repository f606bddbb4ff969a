using System.Text.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Deploy.Tests.Validation;

/// <summary>
/// Validates Kubernetes objects against the Kubernetes 1.27 and 1.33 API schemas with <c>SchemaValidator/validate.cjs</c>
/// (Node.js and the npm packages its lock file pins: <c>kubernetes-models</c> 4.3.1 = v1.27.1 schemas, 4.5.1 = v1.33.0).
/// The packages are installed once per lock file into <c>.mesh/deploy-tests/schema-validator</c> with <c>npm ci</c>.
/// </summary>
internal static class KubernetesSchemaValidator
{
    private static readonly string[] Files = ["package.json", "package-lock.json", "validate.cjs"];
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The Kubernetes versions whose schemas each object is checked against.</summary>
    public static readonly IReadOnlyList<string> KubernetesVersions = ["1.27", "1.33"];

    /// <summary>Per object (by index), per version and check, the errors found; every list empty means valid.</summary>
    public static async Task<IReadOnlyList<SchemaFinding>> ValidateAsync(IReadOnlyList<JsonObject> objects)
    {
        var directory = await InstallAsync();
        var input = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()).ToJsonString();
        var result = await RunAsync("node", [Path.Combine(directory, "validate.cjs")], input, TimeSpan.FromSeconds(120), directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the schema validator failed: {result}");
        }

        var findings = JsonSerializer.Deserialize<JsonArray>(result.StandardOutput)
            ?? throw new InvalidOperationException($"the schema validator printed no findings: {result}");
        return findings.Select(f => new SchemaFinding(
                (int)f!["index"]!, (string)f["version"]!, (string)f["check"]!,
                f["errors"]!.AsArray().Select(e => (string)e!).ToList()))
            .ToList();
    }

    private static async Task<ProcessResult> RunAsync(string program, string[] arguments, string? input, TimeSpan timeout, string directory)
    {
        try
        {
            return await CommandRunner.RunAsync(program, arguments, standardInput: input, timeout: timeout, workingDirectory: directory);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} did not start: the manifest tests need Node.js and npm on PATH.", e);
        }
    }

    private static async Task<string> InstallAsync()
    {
        var source = RepositoryPaths.Combine("tests", "Ankra.Mesh.Deploy.Tests", "SchemaValidator");
        var target = RepositoryPaths.Combine(".mesh", "deploy-tests", "schema-validator");
        await InstallLock.WaitAsync();
        try
        {
            var installedLock = Path.Combine(target, "node_modules", ".ankra-lock.json");
            var wantedLock = await File.ReadAllTextAsync(Path.Combine(source, "package-lock.json"));
            Directory.CreateDirectory(target);
            foreach (var file in Files)
            {
                File.Copy(Path.Combine(source, file), Path.Combine(target, file), overwrite: true);
            }

            if (!File.Exists(installedLock) || await File.ReadAllTextAsync(installedLock) != wantedLock)
            {
                var npm = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null, TimeSpan.FromMinutes(5), target);
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {target} failed (the schema validator needs the npm registry once): {npm}");
                }

                await File.WriteAllTextAsync(installedLock, wantedLock);
            }

            return target;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
