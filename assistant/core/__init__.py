"""The answer path, knowing no model, endpoint or page: clean → read → query → retrieve →
answer → check.

:mod:`.assistant` drives it; :mod:`.conversation` bounds what a user sends and makes the
retrieval query; :mod:`.question` is what a question is read to ask; :mod:`.answerer` is
what an answerer must do (and the fallback between two); :mod:`.citations` turns ``[n]``
markers into exact spans of the article; :mod:`.result` holds what comes back;
:mod:`.text` the word helpers and the refusal sentence they share.
"""
