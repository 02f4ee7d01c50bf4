"""The sans-I/O core shared by `Client` and `AsyncClient`.

Nothing here opens a socket or reads a file: request building (`api`), response parsing and error
mapping (`responses`), scope resolution (`scope`), client options (`options`), the token state
machine (`tokens`), log redaction (`redact`) and the lock primitives both clients use
(`synchronization`).
"""
