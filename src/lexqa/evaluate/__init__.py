"""evaluate stage: the gold set, metrics, baselines and `lexqa eval`.

* `gold`: load/validate evals/gold.jsonl, check labels against the corpus, narrow to a sub-corpus.
* `metrics`: pure functions (capped recall@k, MRR, nDCG@10, cited precision, abstention, percentiles).
* `baseline`: the naive LangChain pipeline (raw text, 1000/200 splitter, FAISS, same embedder).
* `runner`: run every mode over the gold set; atomic results file.
* `report`: rich tables. `subset`: the test subset and expected figures (evals/expected.toml).
"""
