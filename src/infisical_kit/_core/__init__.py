"""The sans-I/O core shared by `Client` and `AsyncClient`: pure data and pure functions.

Nothing here opens a socket, reads a file, sleeps, or imports an HTTP, async or threading
library (``tests/unit/test_layers.py`` checks it). A response is anything shaped like
`httpx.Response` (`response.HTTPResponse`).

* The call as data: `request` (`ApiRequest`), `wire` (encoding shared by the builders),
  `response` (error mapping and generic parsing), `validation` (argument checks),
  `unsupported` (the refusal of what an older route would get wrong).
* One module per resource, its request builders, argument checks and response parsers side
  by side: `secrets` (+ `secrets_batch`), `auth` (one login builder per method, the token
  lifecycle, the user session), `projects`, `environments`, `tags`, `folders`, `imports`, `kms`.
* Decisions: `scope` (which project, environment and folder), `routing` (route families:
  the current routes, the older ones, which a site lacks; deprecation warnings), `tokens`
  (the token state machine), `retry`, `cache` (cache policy), `redact` (what logs may
  show), `settings_table` (every setting and the credential choice).
"""
