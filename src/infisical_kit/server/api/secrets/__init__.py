"""The secrets routes. ``/api/v4/secrets`` (``v4``) and ``/api/v3/secrets/raw`` (``v3``) are
declared once (``routes``) and differ only in their paths and list semantics; ``read`` is the
async get/list glue to the fast read path, ``handlers`` and ``batch`` the other operations,
``params`` their parameter models, ``by_id`` the get-by-id routes.
"""
