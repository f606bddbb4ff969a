namespace Ankra.Mesh.KubeSim.Streaming.Exec.Tar;

/// <summary>
/// The GNU tar command line, as far as the built-in <c>tar</c> understands it: old-style letters
/// (<c>tar cf - /tmp/x</c>), short clusters (<c>-xmf -</c>, <c>-C/tmp</c>) and long options
/// (<c>--no-same-owner</c>, <c>--directory=/tmp</c>). Anything else is a usage error, worded as GNU tar words it.
/// </summary>
/// <param name="Mode"><c>c</c> create, <c>x</c> extract, <c>t</c> list.</param>
/// <param name="Verbose"><c>-v</c>: name each member as it is processed.</param>
/// <param name="Touch"><c>-m</c>: extracted files get the current time, not the archived one.</param>
/// <param name="NoSamePermissions"><c>--no-same-permissions</c>: extracted modes lose the group/other write bits (umask 022).</param>
/// <param name="Directory">The <c>-C</c> directory in force at the end of the line (where extract writes).</param>
/// <param name="Members">Paths to archive (create), each with its <c>-C</c> directory.</param>
internal sealed record TarOptions(char Mode, bool Verbose, bool Touch, bool NoSamePermissions, string Directory, IReadOnlyList<TarMember> Members)
{
    private const string TryHelp = "Try 'tar --help' or 'tar --usage' for more information.\n";

    /// <summary>Parses the arguments after <c>tar</c>; on a usage error returns the text for stderr instead.</summary>
    public static (TarOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parser = new Parser(args);
        var error = parser.Run();
        if (error is not null)
        {
            return (null, $"tar: {error}\n{TryHelp}");
        }

        return parser.Mode switch
        {
            '\0' => (null, $"tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n{TryHelp}"),
            'c' when parser.Members.Count == 0 => (null, $"tar: Cowardly refusing to create an empty archive\n{TryHelp}"),
            not 'c' when parser.Members.Count > 0 => (null, "tar: naming members to extract or list is not supported by this simulated tar\n"),
            _ when parser.Archive != "-" => (null, $"tar: {parser.Archive}: Cannot open: only '-f -' (stdin or stdout) is supported by this simulated tar\n"),
            _ => (new TarOptions(parser.Mode, parser.Verbose, parser.Touch, parser.NoSamePermissions, parser.Directory, parser.Members), null),
        };
    }

    private sealed class Parser(IReadOnlyList<string> args)
    {
        private const string UnknownOption = "unknown option";

        private int _next;

        public char Mode { get; private set; }

        public bool Verbose { get; private set; }

        public bool Touch { get; private set; }

        public bool NoSamePermissions { get; private set; }

        public string Archive { get; private set; } = "-"; // Debian's tar defaults to stdin/stdout

        public string Directory { get; private set; } = "/";

        public List<TarMember> Members { get; } = [];

        public string? Run()
        {
            var onlyMembers = false;
            while (_next < args.Count)
            {
                var arg = args[_next++];
                string? error;
                if (onlyMembers || arg is "-" || !arg.StartsWith('-'))
                {
                    // The first word may be old-style letters without a dash: "tar cf - /tmp/x".
                    error = _next == 1 && !onlyMembers && arg.Length > 0 ? Letters(arg, oldStyle: true) : AddMember(arg);
                }
                else if (arg == "--")
                {
                    onlyMembers = true;
                    error = null;
                }
                else
                {
                    error = arg.StartsWith("--", StringComparison.Ordinal) ? Long(arg) : Letters(arg[1..], oldStyle: false);
                }

                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }

        private string? AddMember(string path)
        {
            Members.Add(new TarMember(Directory, path));
            return null;
        }

        private string? Letters(string letters, bool oldStyle)
        {
            for (var i = 0; i < letters.Length; i++)
            {
                var letter = letters[i];
                if (letter is 'f' or 'C')
                {
                    // -fFILE / -C/dir take the rest of the cluster; old style and "-f FILE" take the next word.
                    var rest = oldStyle ? "" : letters[(i + 1)..];
                    var value = rest.Length > 0 ? rest : TakeValue();
                    if (value is null)
                    {
                        return $"option requires an argument -- '{letter}'";
                    }

                    Apply(letter == 'f' ? "file" : "directory", value);
                    if (rest.Length > 0)
                    {
                        return null;
                    }

                    continue;
                }

                var name = letter switch
                {
                    'c' => "create",
                    'x' => "extract",
                    't' => "list",
                    'v' => "verbose",
                    'm' => "touch",
                    'o' => "no-same-owner",
                    'p' => "same-permissions",
                    _ => null,
                };
                if (name is null)
                {
                    return $"invalid option -- '{letter}'";
                }

                if (Apply(name, null) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        private string? Long(string arg)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var value = equals < 0 ? null : arg[(equals + 1)..];
            if (name is "file" or "directory")
            {
                value ??= TakeValue();
                return value is null ? $"option '--{name}' requires an argument" : Apply(name, value);
            }

            if (value is not null)
            {
                return $"option '--{name}' doesn't allow an argument";
            }

            var error = Apply(name == "get" ? "extract" : name, null);
            return error == UnknownOption ? $"unrecognized option '{arg}'" : error;
        }

        private string? TakeValue() => _next < args.Count ? args[_next++] : null;

        // Returns an error for an unknown option name.
        private string? Apply(string name, string? value)
        {
            switch (name)
            {
                case "create" or "extract" or "list":
                    var mode = name[0] == 'e' ? 'x' : name[0] == 'l' ? 't' : 'c';
                    if (Mode != '\0' && Mode != mode)
                    {
                        return "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option";
                    }

                    Mode = mode;
                    return null;
                case "file":
                    Archive = value!;
                    return null;
                case "directory":
                    Directory = PodPathOf(value!);
                    return null;
                case "verbose":
                    Verbose = true;
                    return null;
                case "touch":
                    Touch = true;
                    return null;
                case "no-same-permissions":
                    NoSamePermissions = true;
                    return null;
                case "same-permissions" or "preserve-permissions":
                    NoSamePermissions = false;
                    return null;
                case "no-same-owner" or "same-owner":
                    return null; // every file here belongs to root; there is no owner to keep or drop
                default:
                    return UnknownOption;
            }
        }

        private string PodPathOf(string directory) => FileSystem.PodPath.Combine(Directory, directory);
    }
}
