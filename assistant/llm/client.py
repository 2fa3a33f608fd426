"""The ``openai`` client for the configured endpoint, how a request is retried within the
answer's deadline, and what its failures mean.

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

import email.utils
import time
from collections.abc import Callable
from typing import Any, TypeVar

import tenacity

from ..config import Config
from ..errors import BackendError
from .deadline import Deadline

T = TypeVar("T")
RETRY_STATUSES = (408, 409, 429)  # and every 5xx: what the openai client itself retries


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


# Each ``openai`` error class (most specific first), and the fix its message names.
EXPLANATIONS = (
    ("AuthenticationError", "refused the API key (401): check OPENAI_API_KEY."),
    ("PermissionDeniedError", "denied access (403): check the key's permissions."),
    ("NotFoundError", "does not know this model (404): check OPENAI_MODEL."),
    ("RateLimitError", "is rate-limiting requests (429): wait and try again."),
    ("APITimeoutError", "did not answer in time: try again or raise OPENAI_TIMEOUT."),
)


def explain(exc: Exception) -> BackendError:
    """Turn an ``openai`` exception into a message that tells the user the fix."""
    import openai

    for name, fix in EXPLANATIONS:
        if isinstance(exc, getattr(openai, name)):
            return BackendError(f"The OpenAI endpoint {fix}")
    if isinstance(exc, openai.APIConnectionError):
        msg = "Cannot reach the OpenAI endpoint: check OPENAI_BASE_URL and the network."
    elif isinstance(exc, openai.APIStatusError):
        msg = f"The OpenAI endpoint failed ({exc.status_code}): try again later."
    else:
        msg = f"The OpenAI endpoint sent a response that could not be read ({type(exc).__name__})."
    return BackendError(msg)


def call_with_retries(
    attempt: Callable[[float], T],
    deadline: Deadline,
    retries: int,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``attempt(timeout)``, retried up to ``retries`` times on what can pass (429, 5xx, a
    timeout, a dropped connection), never past ``deadline``: each try gets at most the
    time left, and a wait (the endpoint's ``Retry-After``, or a backoff of 0.5, 1, 2...
    seconds) that would end after the deadline is not waited: the last error is raised.

    >>> import httpx, openai
    >>> def rate_limited(timeout):
    ...     response = httpx.Response(429, headers={"retry-after": "60"},
    ...                               request=httpx.Request("POST", "http://x"))
    ...     raise openai.RateLimitError("slow down", response=response, body=None)
    >>> try:
    ...     call_with_retries(rate_limited, Deadline(30), retries=2, sleep=print)
    ... except openai.RateLimitError as exc:
    ...     print("gave up:", exc.status_code)
    gave up: 429
    """
    if deadline.remaining() <= 0:
        raise deadline.expired()
    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception(retryable),
        wait=_wait,
        stop=tenacity.stop_any(
            tenacity.stop_after_attempt(retries + 1),
            lambda state: state.upcoming_sleep >= deadline.remaining(),
        ),
        sleep=sleep,
        reraise=True,
    )
    return retrying(lambda: attempt(deadline.remaining()))


def retryable(exc: BaseException) -> bool:
    """True for a failure that may pass: a timeout, a dropped connection, 408/409/429, 5xx."""
    import openai

    if isinstance(exc, openai.APIConnectionError):  # timeouts included
        return True
    status = getattr(exc, "status_code", 0) if isinstance(exc, openai.APIStatusError) else 0
    return status in RETRY_STATUSES or status >= 500


_BACKOFF = tenacity.wait_exponential_jitter(initial=0.5, max=8, jitter=0.25)


def _wait(state: tenacity.RetryCallState) -> float:
    """The endpoint's ``Retry-After`` when it sent one, else an exponential backoff."""
    return retry_after(state.outcome.exception()) or _BACKOFF(state)


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the endpoint asked us to wait (``retry-after-ms``, ``retry-after`` as
    seconds or as a date), or None.

    >>> import httpx
    >>> class Failed(Exception):
    ...     response = httpx.Response(429, headers={"retry-after": "2.5"})
    >>> retry_after(Failed())
    2.5
    """
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        raw = headers.get("retry-after")
        if not raw:
            return None
        try:
            return max(0.0, float(raw))
        except ValueError:
            when = email.utils.parsedate_to_datetime(raw)
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None
