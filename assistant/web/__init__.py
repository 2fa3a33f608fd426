"""The web chat: the page's layout (:mod:`.page`), its events (:mod:`.events`, with
:mod:`.own` for a reader's own article), the callbacks as plain generators (:mod:`.chat`),
the HTML (:mod:`.render`), one tab's conversation (:mod:`.state`), what is copied and
downloaded (:mod:`.export`), the shared parts (:mod:`.parts`), the assistants a page talks
to (:mod:`.shelf`), readers' feedback (:mod:`.feedback`) and the CSS and JavaScript
(``static/``)."""
