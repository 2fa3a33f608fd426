"""A chat assistant over one news article that answers with cited passages.

The parts, in the order a question meets them: :mod:`~assistant.conversation`
(clean the question, bound the history), :mod:`~assistant.retrieval` (hybrid
MiniLM + BM25 ranking over the article's sentences, stored by
:mod:`~assistant.store`), an answerer (:mod:`~assistant.extractive` offline,
:mod:`~assistant.openai_answerer` with a key), :mod:`~assistant.citations`; all
wired by :mod:`~assistant.wiring` and driven by :class:`~assistant.core.Assistant`.

>>> from assistant import Result
>>> Result("The article does not say.", False, [], "extractive").answered
False
"""

from .config import Config
from .core import Assistant
from .errors import AssistantError
from .result import Citation, Passage, Result, Trace
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
__version__ = "0.1.0"
