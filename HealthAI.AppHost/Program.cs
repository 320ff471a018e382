using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
var settings = builder.GetHealthAISettings();

// The knowledge base: SQLite on the shared data folder by default; with HealthAI:KnowledgeBase:Engine=PostgreSql
// a PostgreSQL server the replicas wait for
var knowledgeBase = builder.AddKnowledgeBaseServer("postgres");

// Replicas: one API, three primaries and a backup, told apart by APP_INSTANCE
var app1 = builder.AddApiReplica("healthai-app-1", instance: "1").WithKnowledgeBaseServer(knowledgeBase);
var app2 = builder.AddApiReplica("healthai-app-2", instance: "2").WithKnowledgeBaseServer(knowledgeBase);
var app3 = builder.AddApiReplica("healthai-app-3", instance: "3").WithKnowledgeBaseServer(knowledgeBase);
var backup = builder.AddApiReplica("healthai-app-backup", instance: "backup", ReplicaRole.Backup).WithKnowledgeBaseServer(knowledgeBase);

// Edges: nginx is the default, HAProxy the alternative; both front every replica
var nginx = builder.AddNginxEdge("nginx", builder.EdgeHosting(settings.Edges.Nginx))
    .WithReplicas(primaries: [app1, app2, app3], backup);
builder.AddHaproxyEdge("haproxy", builder.EdgeHosting(settings.Edges.Haproxy))
    .WithReplicas(primaries: [app1, app2, app3], backup)
    .WithScrapeTarget("haproxy", EdgeConfiguration.StatusEndpointName);

// Monitoring: Prometheus scrapes every replica and edge, Alertmanager routes its alerts, Grafana shows them
var alertmanager = builder.AddAlertmanager("alertmanager");
var prometheus = builder.AddPrometheus("prometheus")
    .WithAlertmanager(alertmanager);
builder.AddNginxExporter("nginx-exporter", nginx);
builder.AddGrafana("grafana", prometheus);

// Publishing: docker compose and Kubernetes manifests, from this same model
builder.AddHealthAIPublishing();

builder.Build().Run();
