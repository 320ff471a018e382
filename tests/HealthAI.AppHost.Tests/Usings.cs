global using HealthAI.Testing;
