"""Finding accounts registered with an official email, offline, from what the person holds. No Qt here."""
