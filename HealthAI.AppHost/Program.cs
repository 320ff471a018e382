using HealthAI.AppHost.Replicas;
using HealthAI.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Settings: the HealthAI section, bound and validated once; every resource below is given them
var settings = builder.BindHealthAISettings();

// The knowledge base: SQLite on the shared data folder by default; with HealthAI:KnowledgeBase:Engine=PostgreSql
// a PostgreSQL server the replicas wait for
var knowledgeBase = builder.AddKnowledgeBaseServer("postgres", settings);

// Replicas: one API, three primaries and a backup, told apart by APP_INSTANCE
var app1 = builder.AddApiReplica("healthai-app-1", instance: "1", ReplicaRole.Primary, settings).WithKnowledgeBaseServer(knowledgeBase);
var app2 = builder.AddApiReplica("healthai-app-2", instance: "2", ReplicaRole.Primary, settings).WithKnowledgeBaseServer(knowledgeBase);
var app3 = builder.AddApiReplica("healthai-app-3", instance: "3", ReplicaRole.Primary, settings).WithKnowledgeBaseServer(knowledgeBase);
var backup = builder.AddApiReplica("healthai-app-backup", instance: "backup", ReplicaRole.Backup, settings).WithKnowledgeBaseServer(knowledgeBase);

// Edges: nginx is the default, HAProxy the alternative; both front every replica
var nginx = builder.AddNginxEdge("nginx", builder.EdgeHosting(settings, settings.Edges.Nginx))
    .WithReplicas(primaries: [app1, app2, app3], backup, settings);
builder.AddHaproxyEdge("haproxy", builder.EdgeHosting(settings, settings.Edges.Haproxy))
    .WithReplicas(primaries: [app1, app2, app3], backup, settings)
    .WithScrapeTarget("haproxy", EdgeConfiguration.StatusEndpointName);

// Monitoring: Prometheus scrapes every replica and edge (nginx through its exporter and mtail), Alertmanager routes
// its alerts, Grafana shows them
var alertmanager = builder.AddAlertmanager("alertmanager", settings);
var prometheus = builder.AddPrometheus("prometheus", settings)
    .WithAlertmanager(alertmanager);
builder.AddNginxExporter("nginx-exporter", nginx, settings);
builder.AddNginxRequestMetrics("nginx-mtail", nginx, settings);
builder.AddGrafana("grafana", prometheus, settings);

// Publishing: docker compose and Kubernetes manifests, from this same model
builder.AddHealthAIPublishing(settings);

builder.Build().Run();
