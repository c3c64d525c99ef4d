"""The headless core: schema, loading, and queries. Never imports textual or rich."""
