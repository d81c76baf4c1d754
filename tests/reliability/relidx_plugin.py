"""LEXQA_PLUGINS module of the reliability tests: "slowfake:<ms>", the fake embedder sleeping
<ms> per batch of passages, so a build is still running when a test signals or races it."""

from __future__ import annotations

import time

from fakes import FakeEmbedder
from lexqa.index.embed import register_embedder


class SlowFakeEmbedder(FakeEmbedder):
    def __init__(self, ms: int) -> None:
        super().__init__()
        self.ms = ms  # same name as "fake": vectors and cache keys are the fake's

    def embed_passages(self, texts):
        time.sleep(self.ms / 1000)
        return super().embed_passages(texts)


register_embedder("slowfake", lambda arg: SlowFakeEmbedder(int(arg or 200)))
