"""Amendment links: one graph (lexqa.relations), written into the index and read back on the
fast path; their order on the real corpus is the one the retriever always used; the answerer's
view of what an amending provision writes."""

from __future__ import annotations

import re

from lexqa.index.store import build_index
from lexqa.relations import relations
from lexqa.retrieve.lookup import CorpusLookup, IndexLookup


def test_index_lookup_reads_the_links_written_at_build(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    stored = IndexLookup(tmp_path / "index" / "provisions.sqlite").article_links()
    assert stored == CorpusLookup(mini_corpus).article_links() == relations(mini_corpus).article_links()
    assert stored["uu-6-2011/pasal-16"] == ["uu-63-2024/pasal-i/angka-2/pasal-16"]


def _id_year(pid: str) -> int:
    m = re.search(r"-(\d{4})$", pid.split("/", 1)[0])
    return int(m.group(1)) if m else 0


def test_latest_first_by_manifest_year_is_latest_first_by_id_year(corpus):
    # the retriever used to sort by the year ending the document id (uu-63-2024), ties in corpus
    # order; relations sorts by the manifest year: the same lists on the real corpus
    links = relations(corpus).article_links()
    assert links
    pos = {p.id: i for i, p in enumerate(corpus.provisions())}
    for src, dsts in links.items():
        assert dsts == sorted(dsts, key=lambda pid: (-_id_year(pid), pos[pid])), src


def test_amended_article_is_what_each_amending_provision_writes(corpus):
    # the answerer's "amendment of an article already chosen" reads this instead of the fields
    rel = relations(corpus)
    for p in corpus.provisions():
        assert rel.amended_article(p.id) == ((p.amends, p.pasal) if p.amends else None), p.id
    assert rel.amended_article("uu-63-2024/pasal-i/angka-2/pasal-16") == ("uu-6-2011", "16")
    assert rel.amended_article("uu-6-2011/pasal-16") is None


def test_point_article_is_the_one_article_a_point_writes(corpus):
    rel = relations(corpus)
    for p in corpus.provisions():
        kids = [c.pasal for c in corpus.children(p.id) if c.kind == "pasal" and c.pasal]
        want = kids[0] if p.kind == "point" and p.amends and p.pasal is None and len(kids) == 1 else None
        assert rel.point_article(p.id) == want, p.id


def test_named_amendments_follow_links_both_ways():
    from lexqa.retrieve.fusion import named_amendments
    links = {"base/pasal-76": ["amend/pasal-i/angka-62/pasal-76f", "amend/pasal-i/angka-60/pasal-76"],
             "amend/pasal-i/angka-60/pasal-76": ["base/pasal-76"],
             "other/pasal-1": ["third/pasal-i/pasal-1"]}
    assert named_amendments(links, {"base"}) == {"amend/pasal-i/angka-62/pasal-76f",
                                                 "amend/pasal-i/angka-60/pasal-76"}
    assert named_amendments(links, {"amend"}) == {"base/pasal-76"}
    assert named_amendments(links, {"base", "amend"}) == set()     # both named: nothing extra
    assert named_amendments(links, {"nothing"}) == set()


def test_revocation_links_point_a_revoked_article_at_the_revoking_and_replacing_articles():
    from types import SimpleNamespace as R

    from lexqa.retrieve.fusion import revocation_links
    indexed = {"uu-6-2011/pasal-126", "uu-1-2023/pasal-622", "uu-1-2023/pasal-398", "uu-21-2007/pasal-2"}

    def article_of(pid):
        parts = pid.split("/")
        while parts and "/".join(parts) not in indexed:
            parts.pop()
        return "/".join(parts) or None

    revs = [R(target="uu-6-2011/pasal-126/huruf-e", by="uu-1-2023/pasal-622/ayat-1/huruf-y",
              replaced_by="uu-1-2023/pasal-398/ayat-1"),
            R(target="uu-21-2007/pasal-2", by="uu-1-2023/pasal-622/ayat-1/huruf-q", replaced_by=None),
            R(target="uu-9-1992/pasal-1", by="uu-6-2011/pasal-143", replaced_by=None)]  # not indexed
    links = revocation_links(revs, article_of)
    assert links == {"uu-6-2011/pasal-126": ["uu-1-2023/pasal-622", "uu-1-2023/pasal-398"],
                     "uu-21-2007/pasal-2": ["uu-1-2023/pasal-622"]}
    assert revocation_links(revs, article_of, replaced=False)["uu-6-2011/pasal-126"] == ["uu-1-2023/pasal-622"]
