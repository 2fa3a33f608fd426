"""The offline answerer: it reads the question, weighs the article's sentences, and answers
with the article's own words or declines.

In the order a question meets them: :mod:`.question` (with :mod:`.phrasing`,
:mod:`.lexicon` and :mod:`.spelling`) reads what is asked; :mod:`.digest` reads the
article once (typed :mod:`.mentions`, :mod:`.entity_types`); :mod:`.evidence` weighs each
passage (with :mod:`.matching` and :mod:`.speech`) into a calibrated score;
:mod:`.answerer` chooses and :mod:`.compose` writes the answer; :mod:`.overview` answers
what no single sentence does (summaries, lists, small talk, other languages).
"""
