namespace Horadus.Sops.Tests.Examples;

/// <summary>The fake development values of examples/sops/secrets.enc.yaml.</summary>
internal static class ExampleSecrets
{
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>
    {
        ["database_url"] = ["postgresql://horadus:dev-password@127.0.0.1:5432/horadus"],
        ["database_url_sync"] = ["postgresql+psycopg://horadus:dev-password@127.0.0.1:5432/horadus"],
        ["redis_url"] = ["redis://127.0.0.1:6379/0"],
        ["celery_broker_url"] = ["redis://127.0.0.1:6379/1"],
        ["celery_result_backend"] = ["redis://127.0.0.1:6379/2"],
        ["secret_key"] = ["dev-secret-key-fake-0123456789abcdef"],
        ["api_keys"] = ["dev-api-key-fake-one", "dev-api-key-fake-two"],
        ["api_admin_key"] = ["dev-admin-key-fake"],
        ["openai_api_key"] = ["sk-test-fake-openai-key-for-development"],
        ["llm_secondary_api_key"] = ["sk-test-fake-secondary-llm-key"],
    };
}
