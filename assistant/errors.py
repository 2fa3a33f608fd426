"""One small error hierarchy. Every message tells the user what to do next.

Surfaces (CLI, web chat, evaluation) catch :class:`AssistantError` and show
its message; anything else is a bug and is logged, never shown as a trace.
"""


class AssistantError(Exception):
    """Base class: the message is meant for the user."""


class QuestionError(AssistantError):
    """The question itself cannot be asked (empty, too long)."""


class ArticleError(AssistantError):
    """The article file is missing, unreadable or empty."""


class ModelError(AssistantError):
    """The embedding model is missing or is not the file we pinned."""


class IndexStoreError(AssistantError):
    """The persisted index cannot be read or written."""


class BackendError(AssistantError):
    """The LLM endpoint failed (unreachable, refused the key, rate-limited...)."""


class DatasetError(AssistantError):
    """An input file (batch questions, history, evaluation data) is malformed."""


class LimitError(AssistantError):
    """What a client sent is over a limit, or not of the kind expected."""
