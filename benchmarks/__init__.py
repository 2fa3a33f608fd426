"""Benchmarks: our assistant against llama-index's defaults over the same article.

Run ``python -m benchmarks`` (full) or ``python -m benchmarks --smoke`` (CI-sized).
Every measured program runs in its own subprocess (:mod:`benchmarks.child`), so
cold start and peak memory are measured fairly; :mod:`benchmarks.run` collects
their JSON and writes ``benchmarks/results/results.{md,json}``.
"""
