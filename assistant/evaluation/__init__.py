"""``python -m assistant eval``: score the assistant on a labelled dataset.

:mod:`.dataset` reads and validates the JSONL file, :mod:`.metrics` defines every
check and metric (the benchmarks import them too), :mod:`.report` renders the table
and the JSON, Markdown and HTML reports, :mod:`.judge` adds optional LLM-judged
scores, and :mod:`.command` runs it all.
"""
