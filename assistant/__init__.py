"""A chat assistant over one news article that answers with cited passages.

The parts, in the order a question meets them: :mod:`~assistant.core.conversation`
(clean the question, bound the history), :mod:`~assistant.index.retrieval` (hybrid
MiniLM + BM25 ranking over the article's sentences, stored by
:mod:`~assistant.index.store`), an answerer (:mod:`~assistant.reader.answerer` offline,
:mod:`~assistant.llm.answerer` with a key), :mod:`~assistant.core.citations`; all
wired by :mod:`~assistant.wiring` and driven by :class:`~assistant.core.assistant.Assistant`.

>>> from assistant import Result
>>> Result("The article does not say.", False, [], "extractive").answered
False
"""

from .config import Config
from .core.assistant import Assistant
from .core.result import Citation, Passage, Result, Trace
from .errors import AssistantError
from .wiring import build_assistant, load_assistant

__all__ = [
    "Assistant",
    "AssistantError",
    "Citation",
    "Config",
    "Passage",
    "Result",
    "Trace",
    "build_assistant",
    "load_assistant",
]
__version__ = "0.2.0.dev0"
