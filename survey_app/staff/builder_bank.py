"""The question bank (see below)."""
