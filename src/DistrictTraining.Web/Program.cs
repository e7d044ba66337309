using DistrictTraining.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
builder.Services.AddPortal(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UsePortal();
await app.InitializePortalAsync();
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can start the portal in tests.</summary>
public partial class Program;
