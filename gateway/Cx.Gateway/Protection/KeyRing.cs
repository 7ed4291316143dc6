using System.Xml.Linq;
using Cx.Persistence.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Protection;

/// <summary>
/// The gateway's Data Protection keys: one folder of XML files, the same for every replica. What
/// Data Protection writes there are the master keys themselves, so the folder is the owner's alone
/// (0700) and so is each key file (0600), as the data directory and the database files are; the
/// framework's own file repository would leave them to the umask.
/// </summary>
internal static class KeyRing
{
    /// <summary>One name for every replica, whatever its content root: they then read each other's payloads.</summary>
    public const string ApplicationName = "cx-gateway";

    public static void Add(IServiceCollection services, DataProtectionSettings settings)
    {
        var path = Path.GetFullPath(settings.KeyRingPath);
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .AddKeyManagementOptions(options => options.XmlRepository = new PrivateKeyRing(path, settings.GenerateKeys));
        if (!settings.GenerateKeys)
        {
            // A ring mounted read-only (a Kubernetes Secret): its newest key serves even past its
            // expiry, as Data Protection does when it may not make one.
            builder.DisableAutomaticKeyGeneration();
        }
    }
}

/// <summary>The key files in one folder, written whole (a temporary file, then renamed) and private.</summary>
internal sealed class PrivateKeyRing(string directory, bool writable) : IXmlRepository
{
    public string Directory => directory;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (writable)
        {
            // Made private here even before the first key, and an existing folder of an earlier version made so too.
            PrivateFiles.Directory(directory);
        }

        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(directory, "*.xml")
            .Order(StringComparer.Ordinal)
            .Select(file => XElement.Load(file))
            .ToArray();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!writable)
        {
            throw new InvalidOperationException($"The key ring {directory} is read-only (Cx:Gateway:DataProtection:GenerateKeys is off): add keys to it where it is made.");
        }

        PrivateFiles.Directory(directory);
        var name = IsPlainName(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        var temporary = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".tmp");
        using (var file = PrivateFiles.NewFile(temporary))
        {
            element.Save(file);
        }

        File.Move(temporary, Path.Combine(directory, name + ".xml"), overwrite: true);
    }

    // Data Protection names a key file after the key's id; anything else must not reach a path.
    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
