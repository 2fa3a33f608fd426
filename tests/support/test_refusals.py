"""Refusals in the languages models answer in, and sentences that only look like them."""

import pytest

from assistant.support.refusals import refuses


@pytest.mark.parametrize(
    "text",
    [
        "The article doesn't mention where they meet.",
        "It says nothing about the venue.",
        "El artículo no lo dice.",
        "L'article ne le précise pas.",
        "Der Artikel sagt dazu nichts.",
        "L'articolo non lo dice.",
        "L’articolo non ne parla.",
        "Non è menzionato nel testo.",
        "O artigo não o diz.",
        "O texto não menciona isso.",
        "Não foi mencionado no artigo.",
        "文章没有提到这一点。",
    ],
)
def test_a_refusal_is_recognised(text):
    assert refuses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia did not invade in March.",
        "Il presidente non lo dice.",  # a person who does not say, not the article
        "La Cina non ha criticato le sanzioni.",
        "O presidente não diz nada.",
        "Não é possível.",
    ],
)
def test_a_statement_with_a_negation_is_not_a_refusal(text):
    assert not refuses(text)
