"""Integrations with other libraries (import the submodule you need)."""
