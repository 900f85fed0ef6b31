using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api;

public static class OptionsServices
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section (the type's name minus <c>Options</c>) and checks its
    /// <see cref="ValidationAttribute"/>s when the service starts, so a bad setting stops start-up with a message
    /// naming it instead of failing requests later.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this WebApplicationBuilder builder)
        where TOptions : class =>
        builder.Services.AddOptions<TOptions>()
            .Bind(builder.Configuration.GetSection(SectionOf<TOptions>()))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>The settings as configured, for what must be decided while the services are registered.</summary>
    public static TOptions Settings<TOptions>(this WebApplicationBuilder builder)
        where TOptions : class, new() =>
        builder.Configuration.GetSection(SectionOf<TOptions>()).Get<TOptions>() ?? new TOptions();

    private static string SectionOf<TOptions>() => typeof(TOptions).Name[..^"Options".Length];
}
