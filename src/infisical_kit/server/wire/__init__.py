"""Serialisers: what the services return (ORM rows, views) as Infisical's JSON shapes.

Every ``*_to_wire`` function of the server lives here, one module per area. They are pure:
no session, no query, no rule beyond naming and formatting fields (the services decide what
is shown, e.g. which values are masked).
"""
