using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;
using RelIntel.Api.Features.ApiKeys;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Demo;
using RelIntel.Api.Features.Influences;
using RelIntel.Api.Features.Insights;
using RelIntel.Api.Features.Capture;
using RelIntel.Api.Features.Interactions;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Features.Orchestration;
using RelIntel.Api.Features.Changes;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Features.Opportunities;
using RelIntel.Api.Features.Organizations;
using RelIntel.Api.Features.People;
using RelIntel.Api.Features.Rapport;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Features.ReportingLines;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Features.Schema;
using RelIntel.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.AddStartupFailures();
builder.AddRequestLogging();
builder.Services.AddApiTelemetry(builder.Configuration);
builder.Services.AddGraph(builder.Configuration, builder.Environment);
builder.Services.AddApiProblems();
builder.Services.AddApiJson();
builder.Services.AddApiDocumentation();
builder.Services.AddApiHealthChecks();
builder.Services.AddDemo(builder.Configuration);
builder.Services.AddCharter();
builder.Services.AddApiAccess();
builder.Services.AddPursuit();
builder.Services.AddInsights();
builder.Services.AddAccounts();
builder.Services.AddOrchestration();
builder.Services.AddOrgChart();
builder.Services.AddCapture();
builder.Services.AddOutbox(builder.Configuration);
builder.Services.AddReports(builder.Configuration);
builder.Services.AddIntroductions();

var app = builder.Build();

app.UseApiProblems();
app.UseRequestLogging();
app.UseBookmarks();
app.UseApiAccess();
app.MapApiDocumentation();
app.MapApiHealthChecks();

// Rules applied once for every endpoint: requests validated before a handler runs, answers that show relationships audited.
var api = app.MapGroup("/api").RequireApiKey().ValidateRequests().AuditAnswers();
api.MapSchema();
api.MapOrganizations();
api.MapPeople();
api.MapReportingLines();
api.MapInfluences();
api.MapRapport();
api.MapOrgChart();
api.MapChanges();
api.MapRelationships();
api.MapRelationshipsBatch();
api.MapInteractions();
api.MapIntroductions();
api.MapCapture();
api.MapOpportunities();
api.MapApiKeys();
api.MapCharter();
api.MapAudit();
api.MapInsights();
api.MapOrchestration();
api.MapAccounts();
api.MapReports();
api.MapReportSchedules();
if (DemoEndpoints.IsEnabled(app.Configuration)) api.MapDemo();

return await app.RunOrExplainAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
