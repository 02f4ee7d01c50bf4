"""The floor for row 4 of ``make bench``: a FastAPI hello-world route on the same uvicorn.

``python -m uvicorn bench.hello_app:app`` (one worker, uvicorn's defaults: uvloop and httptools
when installed, as for our server). ``GET /hello`` answers a small JSON object from an
``async def`` route, as FastAPI's own first example does: the stricter floor (a plain ``def``
route also pays a worker-thread hop, about 0.15 ms more per request here).
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello() -> dict[str, str]:
    """A constant answer: the framework's own cost per request."""
    return {"message": "hello"}
