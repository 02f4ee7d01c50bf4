"""Business logic shared by every API version (no HTTP types here)."""
