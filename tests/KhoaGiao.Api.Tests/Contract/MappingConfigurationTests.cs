using AutoMapper;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Contract;

public sealed class MappingConfigurationTests
{
    [Test]
    public void AutoMapper_configuration_is_valid() =>
        TestDatabase.Factory.Services.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();
}
