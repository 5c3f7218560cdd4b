"""Photo metadata: one module per format, a registry, inspect + clean + verify. No Qt here."""
