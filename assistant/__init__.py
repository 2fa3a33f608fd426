"""A chat assistant over one news article that answers with cited passages.

>>> from assistant import Config, load_assistant   # doctest: +SKIP
>>> load_assistant(Config.from_env()).ask("Where is the SCO summit?").answer  # doctest: +SKIP
"""

from .config import Config
from .core import Assistant, load_assistant
from .errors import AssistantError
from .result import Citation, Passage, Result

__all__ = [
    "Assistant",
    "AssistantError",
    "Citation",
    "Config",
    "Passage",
    "Result",
    "load_assistant",
]
__version__ = "0.1.0"
