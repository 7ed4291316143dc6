using Microsoft.Extensions.Configuration;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// A configuration that remembers every key the code asked for, so a test can tell whether a
/// setting the chart gives is one the services really read.
/// </summary>
internal sealed class RecordingConfiguration : IConfigurationSource
{
    private readonly Dictionary<string, string?> _data;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="environment">Environment variables as Kubernetes gives them (`__` for `:`).</param>
    public RecordingConfiguration(IReadOnlyDictionary<string, string> environment)
    {
        _data = environment.ToDictionary(e => ToKey(e.Key), e => (string?)e.Value, StringComparer.OrdinalIgnoreCase);
        Configuration = new ConfigurationBuilder().Add(this).Build();
    }

    public IConfigurationRoot Configuration { get; }

    /// <summary>The keys read so far (case as the code asked).</summary>
    public IReadOnlySet<string> Read => _read;

    /// <summary>The configuration key of an environment variable, as .NET's environment provider maps it.</summary>
    public static string ToKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private sealed class Provider : ConfigurationProvider
    {
        private readonly RecordingConfiguration _owner;

        public Provider(RecordingConfiguration owner)
        {
            _owner = owner;
            foreach (var (key, value) in owner._data)
            {
                Data[key] = value;
            }
        }

        public override bool TryGet(string key, out string? value)
        {
            _owner._read.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
