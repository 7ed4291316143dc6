using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Cx.ServiceDefaults.Identity;

/// <summary>The key directory: one EC P-256 pair per issuer, the private half readable by its owner alone.</summary>
public static partial class IdentityKeyFiles
{
    public const string IssuerRule = "lower-case letters, digits and '-', 1 to 63 characters";

    public static bool IsIssuerName(string? name) => name is not null && IssuerPattern().IsMatch(name);

    public static string PrivateKeyPath(string directory, string issuer) => Path.Combine(directory, issuer + ".key");

    public static string PublicKeyPath(string directory, string issuer) => Path.Combine(directory, issuer + ".pub");

    /// <summary>
    /// Gives every one of <paramref name="issuers"/> a key pair in <paramref name="directory"/> unless it
    /// has one: a restart keeps its keys, so tokens in flight stay valid. The directory is 0700 and
    /// private keys 0600.
    /// </summary>
    public static void Ensure(string directory, IEnumerable<string> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        var full = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
        }
        else
        {
            Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var issuer in issuers)
        {
            if (!IsIssuerName(issuer))
            {
                throw new ArgumentException($"'{issuer}' is not an issuer name: {IssuerRule}.", nameof(issuers));
            }

            var privatePath = PrivateKeyPath(full, issuer);
            if (File.Exists(privatePath) && File.Exists(PublicKeyPath(full, issuer)))
            {
                continue;
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(privatePath, System.Text.Encoding.ASCII, options))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            }

            File.WriteAllText(PublicKeyPath(full, issuer), key.ExportSubjectPublicKeyInfoPem());
        }
    }

    /// <summary>The issuer's private key, to sign with.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or holds no EC private key.</exception>
    public static ECDsa LoadPrivateKey(string directory, string issuer)
    {
        var path = PrivateKeyPath(directory, issuer);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{issuer} signs identity tokens, but its private key is not in Cx:Identity:KeyDirectory ({issuer}.key is missing).");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            RequireP256(key, path);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"{issuer}.key in Cx:Identity:KeyDirectory is not an EC P-256 private key in PEM.", e);
        }
    }

    /// <summary>The issuer's public key, to verify with: a public key or a certificate, in PEM.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or holds no EC P-256 key.</exception>
    public static ECDsa LoadPublicKey(string directory, string issuer)
    {
        var path = PublicKeyPath(directory, issuer);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"This service trusts {issuer} (Cx:Identity:TrustedIssuers), but {issuer}.pub is not in Cx:Identity:KeyDirectory.");
        }

        var pem = File.ReadAllText(path);
        try
        {
            ECDsa key;
            if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                key = certificate.GetECDsaPublicKey() ?? throw new CryptographicException("The certificate holds no EC key.");
            }
            else
            {
                key = ECDsa.Create();
                key.ImportFromPem(pem);
            }

            RequireP256(key, path);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{issuer}.pub in Cx:Identity:KeyDirectory is not an EC P-256 public key or certificate in PEM.", e);
        }
    }

    private static void RequireP256(ECDsa key, string path)
    {
        if (key.KeySize != 256)
        {
            throw new CryptographicException($"{Path.GetFileName(path)} is a {key.KeySize}-bit key; ES256 needs P-256.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerPattern();
}
