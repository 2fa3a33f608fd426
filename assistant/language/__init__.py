"""Words: English stopwords, stems and common words, and whether a text looks English
(:mod:`.words`); closed word classes of news writing, such as titles, verbs of saying and
question words (:mod:`.lexicon`). Nothing here is about one article."""
