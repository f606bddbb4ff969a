using System.Diagnostics;

namespace Ankra.Mesh.Testing;

/// <summary>
/// Runs a command to completion (kubectl, the built CLI) with separate stdout and stderr, optional
/// stdin, its own environment additions, and a deadline after which it is killed by process id.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="fileName"/>; a missed deadline kills it and throws with what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            UnixSignal.Send(process.Id, UnixSignal.Kill);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout}: killed.\n"
                + $"stdout: {await output}\nstderr: {await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
