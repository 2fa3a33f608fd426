"""``--judge openai``: LLM-judged faithfulness and correctness (llama-index evaluators).

Faithfulness is judged against the cited passages, correctness (1–5) against the
item's ``reference_answer``; only answered answerable items are judged. A judge
whose endpoint fails marks the item ``{"error": ...}`` and the run goes on.
"""

from __future__ import annotations

from ..config import Config
from ..errors import AssistantError


def make_judge(config: Config):
    """A ``judge(item, record) -> dict`` function, or a clear error without a key."""
    if not config.openai_api_key:
        raise AssistantError("--judge openai needs OPENAI_API_KEY in the environment.")
    try:
        from llama_index.core.evaluation import CorrectnessEvaluator, FaithfulnessEvaluator
        from llama_index.llms.openai import OpenAI
    except ImportError:
        raise AssistantError(
            "--judge openai needs the llama-index OpenAI LLM: pip install llama-index-llms-openai"
        ) from None
    llm = OpenAI(
        model=config.openai_model, api_key=config.openai_api_key, api_base=config.openai_base_url
    )
    faithful, correct = FaithfulnessEvaluator(llm=llm), CorrectnessEvaluator(llm=llm)

    def judge(item, rec: dict) -> dict:
        try:
            contexts = [c["text"] for c in rec["citations"]]
            f = faithful.evaluate(query=item.question, response=rec["answer"], contexts=contexts)
            c = correct.evaluate(
                query=item.question, response=rec["answer"], reference=item.reference_answer
            )
        except Exception as exc:  # the judge's endpoint failed: keep going without it
            return {"error": type(exc).__name__}
        return {"faithful": bool(f.passing), "correctness": c.score}

    return judge
