using System.Xml.Linq;
using DistrictTraining.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Keeps the data-protection key ring in the portal's database, so sign-in cookies and antiforgery
/// tokens survive restarts and work across instances (the EF Core package for it is not available here).
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
