"""Checklists as data: model, loader, schema validation, organisation profile. No Qt here."""
