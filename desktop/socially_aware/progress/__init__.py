"""The person's progress: one versioned document, encrypted at rest on this machine. No Qt here."""
