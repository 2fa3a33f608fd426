"""The article: its text, paragraphs and sentences, each with character offsets into the
text a reader is shown (:mod:`.article`), from a plain, Markdown or HTML file
(:mod:`.formats`)."""
