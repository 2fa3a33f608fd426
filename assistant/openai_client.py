"""The ``openai`` client for the configured endpoint, and what its failures mean.

Dependencies are passed in: tests give an ``httpx.Client`` whose transport is scripted,
so no network is touched:

    >>> import httpx
    >>> def reply(request):
    ...     return httpx.Response(401, json={"error": {"message": "bad key"}})
    >>> config = Config(openai_api_key="sk-test", openai_max_retries=0)
    >>> client = make_client(config, httpx.Client(transport=httpx.MockTransport(reply)))
    >>> try:
    ...     client.models.list()
    ... except Exception as exc:
    ...     print(explain(exc))
    The OpenAI endpoint refused the API key (401): check OPENAI_API_KEY.
"""

from __future__ import annotations

from typing import Any

from .config import Config
from .errors import BackendError


def make_client(config: Config, http_client: Any = None):
    """An ``openai.OpenAI`` client for ``config``; a compatible server may need no key."""
    import openai

    return openai.OpenAI(
        api_key=config.openai_api_key or "not-needed",
        base_url=config.openai_base_url,
        timeout=config.openai_timeout,
        max_retries=config.openai_max_retries,
        http_client=http_client,
    )


def explain(exc: Exception) -> BackendError:
    """Turn an ``openai`` exception into a message that tells the user the fix."""
    import openai

    if isinstance(exc, openai.AuthenticationError):
        msg = "The OpenAI endpoint refused the API key (401): check OPENAI_API_KEY."
    elif isinstance(exc, openai.PermissionDeniedError):
        msg = "The OpenAI endpoint denied access (403): check the key's permissions."
    elif isinstance(exc, openai.NotFoundError):
        msg = "The OpenAI endpoint does not know this model (404): check OPENAI_MODEL."
    elif isinstance(exc, openai.RateLimitError):
        msg = "The OpenAI endpoint is rate-limiting requests (429): wait and try again."
    elif isinstance(exc, openai.APITimeoutError):
        msg = "The OpenAI endpoint did not answer in time: try again or raise OPENAI_TIMEOUT."
    elif isinstance(exc, openai.APIConnectionError):
        msg = "Cannot reach the OpenAI endpoint: check OPENAI_BASE_URL and the network."
    elif isinstance(exc, openai.APIStatusError):
        msg = f"The OpenAI endpoint failed ({exc.status_code}): try again later."
    else:
        msg = f"The OpenAI endpoint sent a response that could not be read ({type(exc).__name__})."
    return BackendError(msg)
