"""Reusable layout pieces (cards, chart frames, provenance panel)."""
