"""``python app.py``: the web chat on http://127.0.0.1:7860 (docs/web.md), the entry point
of a Hugging Face Space. The same as ``article-assistant web``."""

import sys

from assistant.cli import configure_logging
from assistant.web.serve import serve

if __name__ == "__main__":
    configure_logging()
    sys.exit(serve())
