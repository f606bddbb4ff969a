namespace Ankra.Mesh.Contracts.Tests.Subjects;

/// <summary>NATS subject matching as the server does it: <c>*</c> is one token, a final <c>&gt;</c> one or more.</summary>
internal static class NatsSubject
{
    public static bool Matches(string pattern, string subject)
    {
        var patternTokens = pattern.Split('.');
        var subjectTokens = subject.Split('.');
        for (var i = 0; i < patternTokens.Length; i++)
        {
            if (patternTokens[i] == ">" && i == patternTokens.Length - 1)
            {
                return subjectTokens.Length > i;
            }

            if (i >= subjectTokens.Length || (patternTokens[i] != "*" && patternTokens[i] != subjectTokens[i]))
            {
                return false;
            }
        }

        return patternTokens.Length == subjectTokens.Length;
    }
}
