"""Instrument types (data/instruments.toml), manifest aliases and the relations graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexqa.errors import CorpusError
from lexqa.ingest.manifest import load_manifest
from lexqa.instruments import alias_table, instrument_types, read_by
from lexqa.relations import relations

MANIFEST = Path(__file__).resolve().parent.parent / "src" / "lexqa" / "data" / "manifest.toml"


def test_types_load_in_order_with_unique_ids():
    ids = [t.id for t in instrument_types()]
    assert len(ids) == len(set(ids))
    assert ids.index("perppu") < ids.index("uu") and ids.index("permenkumham") < ids.index("permen")
    assert [t.id for t in read_by("xref")] == ["perppu", "uu", "pp"]


def test_manifest_aliases_are_validated_and_scoped(tmp_path):
    metas = load_manifest(MANIFEST)
    assert "UU Keimigrasian" in metas["uu-6-2011"].aliases
    assert "UU Imigrasi" in metas["uu-6-2011"].query_aliases
    assert metas["uu-1-2023"].text_aliases == ["KUHP"]
    assert alias_table()["uu tppo"] == "uu-21-2007"
    assert "uu imigrasi" not in alias_table() and alias_table(query=True)["uu imigrasi"] == "uu-6-2011"
    base = ('[[documents]]\nid = "x-1"\ntitle = "X"\nlabel = "X"\nkind = "statute"\nlanguage = "id"\n'
            'files = ["x.md"]\n')
    for extra, msg in [('aliases = ["A", "a"]', "listed twice"), ('aliases = [""]', "non-empty"),
                       ('aliases = ["A"]\nquery_aliases = ["a"]', "both"),
                       ('aliases = ["A"]\ntext_aliases = ["B"]', "text_aliases")]:
        p = tmp_path / "m.toml"
        p.write_text(base + extra + "\n", encoding="utf-8")
        with pytest.raises(CorpusError, match=msg):
            load_manifest(p)


def test_relations_graph_is_cached_and_matches_status(corpus):
    rel = relations(corpus)
    assert relations(corpus) is rel
    changes = rel.changes("uu-6-2011", "16")
    assert changes and [c.by for c in changes] == [e.by for e in corpus.status("uu-6-2011/pasal-16").events
                                                   if e.kind != "revoked"]
    latest = rel.latest_first("uu-6-2011", "16")
    assert [c.effective for c in latest] == sorted((c.effective for c in changes), reverse=True)
    assert rel.has_own("uu-6-2011", "16") and not rel.has_own("uu-6-2011", "24A")
    assert rel.revocations("uu-6-2011/pasal-120/ayat-1")
    links = rel.article_links()
    assert any(t.startswith("uu-63-2024/") for t in links.get("uu-6-2011/pasal-16", []))


def test_every_mention_reader_has_the_engine_options():
    from dataclasses import fields

    from lexqa.cite.mentions import Reader, reader_profile

    for name in ("citation", "xref"):
        assert set(reader_profile(name).__dict__) == {f.name for f in fields(Reader)}
    assert reader_profile("xref").relative and not reader_profile("citation").relative
