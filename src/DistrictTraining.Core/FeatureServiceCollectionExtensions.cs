using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Core;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// Registers every feature service: each public, non-abstract class of this assembly whose name
    /// ends in "Service" (plus the demo seeder), scoped to the request like the DbContext it uses.
    /// A new feature's service is picked up without touching this file.
    /// </summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        var types = typeof(FeatureServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && (t.Name.EndsWith("Service", StringComparison.Ordinal) || t == typeof(Demo.DemoDataSeeder))
                && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null);
        foreach (var type in types)
        {
            services.AddScoped(type);
        }

        return services;
    }
}
