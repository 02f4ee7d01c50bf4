"""Request authentication: JWTs (``tokens``), stored token rows (``token_rows``), the request
dependency (``deps``), the fast read path's claims cache (``fast_claims``), argon2 hashing,
universal-auth lockout, Kubernetes service-account tokens and permission checks.

Identity administration and the login flows are services (``services/``); this package
only answers "who is this, and may they?".
"""
