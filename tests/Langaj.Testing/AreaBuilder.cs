using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Langaj.Testing;

/// <summary>
/// A host builder that reads only the settings it is given (no appsettings, no environment), for tests that register
/// one or two areas of Langaj.Core (<c>builder.AddLangajStorage()</c>...) and resolve them without starting a host.
/// </summary>
public static class AreaBuilder
{
    public static HostApplicationBuilder Create(IConfiguration? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (settings is not null)
        {
            builder.Configuration.AddConfiguration(settings);
        }
        return builder;
    }
}
