from assistant.index.retrieval import HybridRetriever


def _hit(passages, needle, within):
    return any(needle in p.text for p in passages[:within])


def test_passages_are_exact_spans_numbered_from_one(retriever, article):
    passages = retriever.retrieve("Where will the G20 leaders meet?")
    assert [p.number for p in passages] == list(range(1, len(passages) + 1))
    for p in passages:
        assert article.text[p.start : p.end] == p.text


def test_bm25_reaches_a_name_that_dense_ranks_low(retriever):
    assert _hit(retriever.retrieve("What position does Li Zhanshu hold?"), "Li Zhanshu", 3)


def test_dense_reaches_a_paraphrase(retriever):
    passages = retriever.retrieve("How fast did commerce between Moscow and Beijing expand?")
    assert _hit(passages, "increased 31 per cent", 3)


def test_modes_and_neighbours(article, embed_model, index_dir):
    from assistant.index.store import open_index

    index, _ = open_index(article, embed_model, index_dir)
    dense = HybridRetriever(index, embed_model, top_k=2, mode="dense", neighbours_of=0)
    assert len(dense.retrieve("Bali")) == 2
    bm25 = HybridRetriever(index, embed_model, top_k=2, mode="bm25", neighbours_of=1)
    passages = bm25.retrieve("bloc thinking")
    assert "bloc thinking" in passages[0].text
    starts = [p.start for p in passages]
    best = article.sentences[[s.start for s in article.sentences].index(passages[0].start)]
    i = article.sentences.index(best)
    # the best hit brings the sentences before and after it along
    assert article.sentences[i - 1].start in starts and article.sentences[i + 1].start in starts


def test_a_query_with_no_known_word_still_returns_dense_passages(retriever):
    assert retriever.retrieve("¿Qué?")


def test_bm25_hits_are_what_llama_indexs_bm25_retriever_finds(retriever):
    from assistant.index.retrieval import bm25_hits

    for query in ("Where will the G20 leaders meet?", "Li Zhanshu NATO", "trade grew 31 per cent"):
        found = [(h.node.node_id, float(h.score or 0.0)) for h in retriever._bm25.retrieve(query)]
        assert bm25_hits(retriever._bm25, query) == found
