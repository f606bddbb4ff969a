using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using OpenIddict.Abstractions;

namespace Ankra.Mesh.DevIdp;

/// <summary>The sign-in form: plain HTML, the authorization request's parameters carried in hidden fields.</summary>
internal static class SignInPage
{
    public static IResult Render(OpenIddictRequest request, AntiforgeryTokenSet tokens, string? error)
    {
        var html = HtmlEncoder.Default;
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name.StartsWith("devidp_", StringComparison.Ordinal) || name == tokens.FormFieldName)
            {
                continue;
            }

            hidden.Append(CultureInvariant($"<input type=\"hidden\" name=\"{html.Encode(name)}\" value=\"{html.Encode(value.ToString() ?? string.Empty)}\">\n"));
        }

        var message = error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>";
        var page = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in — development identity provider</title>
            <style>body{font-family:sans-serif;max-width:26rem;margin:4rem auto}label{display:block;margin:.8rem 0}
            input[type=email],input[type=password]{width:100%;padding:.4rem}.error{color:#b00}.note{color:#666;font-size:.85rem}</style></head>
            <body>
            <h1>Sign in</h1>
            <p class="note">Development identity provider: for tests and <code>./mesh demo</code> only.</p>
            {{message}}
            <form method="post" action="/connect/authorize">
            {{hidden}}<input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? string.Empty)}}">
            <label>Email <input type="email" name="devidp_email" autocomplete="username" required autofocus></label>
            <label>Password <input type="password" name="devidp_password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static string CultureInvariant(FormattableString value) => FormattableString.Invariant(value);
}
