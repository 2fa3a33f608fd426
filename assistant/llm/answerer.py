r"""The OpenAI answerer (any OpenAI-compatible server via ``OPENAI_BASE_URL``).

Numbered passages go in the prompt; the model must answer only from them, cite
``[n]`` and say the fixed refusal sentence when they do not answer. Tokens are
streamed. The answer (a rewrite of a follow-up, then the streamed reply, retries and
waits included) must be done within one deadline (``OPENAI_DEADLINE``,
:mod:`assistant.llm.deadline`). Every failure becomes a :class:`BackendError` whose message
names the fix and never the key:

    >>> import httpx, json
    >>> from assistant.config import Config
    >>> from assistant.core.conversation import start_turn
    >>> from assistant.llm.client import make_client
    >>> def reply(request):
    ...     asked = json.loads(request.content)["messages"][-1]["content"]
    ...     assert asked.startswith("Passages:\n\n[1] The summit is in Samarkand.")
    ...     events = [{"choices": [{"index": 0, "delta": {"content": "In Samarkand [1]."}}]},
    ...               {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    ...     body = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    ...     return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})
    >>> http = httpx.Client(transport=httpx.MockTransport(reply))
    >>> ans = OpenAIAnswerer(make_client(Config(openai_api_key="sk-test"), http), "gpt-4o-mini")
    >>> turn = start_turn("Where is the summit?")
    >>> "".join(ans.stream(turn, lambda query: [Passage(1, "The summit is in Samarkand.", 0, 27)]))
    'In Samarkand [1].'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from ..config import Config
from ..core.answerer import REFUSAL, Answerer, Retrieve
from ..core.conversation import HISTORY_TURNS, Turn
from ..core.result import Passage
from ..errors import BackendError
from .client import call_with_retries, explain
from .deadline import Deadline, call_within, within
from .prompt import REWRITE, SYSTEM, format_passages, history_for, repeats_rules, within_budget

log = logging.getLogger(__name__)

DEADLINE_S = Config.openai_deadline  # OPENAI_DEADLINE's default
MALFORMED = "The OpenAI endpoint sent an answer that could not be read (a piece that is not text)."
MAX_REPLY_CHARS = 20_000  # what is read of one reply at most: a runaway model is cut there


class OpenAIAnswerer(Answerer):
    """Answers through ``client`` (its ``timeout`` bounds a try, its ``max_retries`` the
    retries), each answer within ``deadline_s`` seconds by ``clock``."""

    name = "openai"

    def __init__(
        self,
        client,
        model: str,
        deadline_s: float = DEADLINE_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        temperature: float = Config.openai_temperature,
        max_tokens: int = Config.openai_max_tokens,
        passage_tokens: int = Config.openai_passage_tokens,
    ) -> None:
        self.client, self.model, self.retries = client, model, client.max_retries
        self.deadline_s, self.clock, self.sleep = deadline_s, clock, sleep
        self.temperature, self.max_tokens = temperature, max_tokens
        self.passage_tokens = passage_tokens
        self.label = f"OpenAI {model}"

    def _messages(self, turn: Turn, passages: list[Passage]) -> list[dict]:
        """System rules, the kept history (already bounded), then passages and question."""
        prompt = f"Passages:\n\n{format_passages(passages)}\n\nQuestion: {turn.question}"
        return [
            {"role": "system", "content": SYSTEM},
            *history_for(turn.history),
            {"role": "user", "content": prompt},
        ]

    def _create(self, deadline: Deadline, **request):
        """One chat completion, retried within ``deadline``; its failures explained."""
        once = self.client.with_options(max_retries=0)  # the retries are ours

        def attempt(time_left: float):
            limit = self.client.timeout  # a number, as make_client sets it
            timeout = min(limit, time_left) if isinstance(limit, (int, float)) else time_left
            return once.chat.completions.create(
                model=self.model,
                temperature=self.temperature,
                max_tokens=self.max_tokens,
                timeout=timeout,
                **request,
            )

        try:
            return call_with_retries(attempt, deadline, self.retries, self.sleep)
        except BackendError:
            raise
        except Exception as exc:  # every SDK and transport failure
            raise explain(exc) from None

    def stream(self, turn: Turn, retrieve: Retrieve) -> Iterator[str]:
        """Make a follow-up stand-alone, retrieve for it, and stream the answer: all
        within one deadline, started here."""
        deadline = Deadline(self.deadline_s, self.clock)
        query = self._rewrite(turn, deadline) or turn.query
        passages = within_budget(retrieve(query), self.passage_tokens)
        if not passages:
            yield REFUSAL
            return
        yield from within(deadline, self._pieces(turn, passages, deadline))

    def _pieces(self, turn: Turn, passages: list[Passage], deadline: Deadline) -> Iterator[str]:
        """The streamed answer's text (run in :func:`within`'s worker thread)."""
        stream = self._create(deadline, messages=self._messages(turn, passages), stream=True)
        wrote = finished = False
        left = MAX_REPLY_CHARS
        with stream:  # closed when the answer is abandoned, or too long
            try:
                for chunk in stream:
                    for choice in getattr(chunk, "choices", None) or []:
                        delta = getattr(getattr(choice, "delta", None), "content", None)
                        finished = finished or bool(getattr(choice, "finish_reason", None))
                        if delta is not None and not isinstance(delta, str):
                            raise BackendError(MALFORMED)
                        if delta:
                            wrote = True
                            yield delta[:left]
                            left -= len(delta)
                    if left <= 0:
                        log.warning("The reply was cut at %d characters.", MAX_REPLY_CHARS)
                        return
            except BackendError:
                raise
            except Exception as exc:
                raise explain(exc) from None
        if not wrote:
            raise BackendError(
                "The OpenAI endpoint sent an empty answer that could not be read: try again."
            )
        if not finished:
            raise BackendError("The OpenAI endpoint stopped mid-answer: try again.")

    def finish(self, text: str) -> str:
        """Replace an answer that repeats our instructions (in any layout) with the refusal."""
        return REFUSAL if repeats_rules(text) else text

    def _rewrite(self, turn: Turn, deadline: Deadline) -> str | None:
        """A stand-alone version of a follow-up question (None when there is no history)."""
        if not turn.history:
            return None
        history = history_for(turn.history[-HISTORY_TURNS:])
        convo = "\n".join(f"{h['role']}: {h['content']}" for h in history)
        messages = [
            {"role": "system", "content": REWRITE},
            {"role": "user", "content": f"{convo}\nuser: {turn.question}"},
        ]
        out = call_within(deadline, lambda: self._create(deadline, messages=messages))
        try:
            text = out.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError):
            text = None
        if not isinstance(text, str):
            raise BackendError(MALFORMED)
        return text.strip() or None
