"""Reusable widgets: they show what screens give them and post messages; no database access."""
