using DistrictTraining.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Core;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Registers each feature's service; services work on the DbContext directly.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<Identity.AccountService>();
        return services;
    }
}
