namespace Ankra.Mesh.Cli;

/// <summary>Process exit codes, as Ankra's CLI documents them (scripts depend on these values).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Declined = 4;
    public const int WaitTimeout = 5;
    public const int Authentication = 6;
    public const int Forbidden = 7;
}
