"""Single guide steps matched on their own (a scenario that fits no whole guide): cues are
all-words phrases, claims fit by weighted cosine; a step's provisions already taken add nothing."""

from __future__ import annotations

from lexqa.guides.match import MIN_CUE_STEMS, StepMatcher, stem_set
from lexqa.guides.model import guide_from_dict
from lexqa.guides.match import scenario_sentences


def _guide(gid: str, steps: list[dict]) -> object:
    return guide_from_dict({
        "id": gid, "checked": "2026-12-01", "kind": "procedure",
        "title": {"id": gid, "en": gid}, "situation": {"id": "situasi " + gid, "en": "situation " + gid},
        "examples": {"id": ["contoh"], "en": ["example"]}, "steps": steps})


OVERSTAY = {"claim": "A foreigner who stays beyond the stay permit pays a charge or is deported.",
            "claim_id": "Orang Asing yang melampaui batas waktu Izin Tinggal dikenai biaya beban atau dideportasi.",
            "provisions": ["uu-6-2011/pasal-78"], "cues": ["overstay visa", "melebihi izin tinggal", "paspor"]}
ESCAPE = {"claim": "Helping a detainee escape from the detention centre is an offence.",
          "provisions": ["uu-6-2011/pasal-133"], "cues": ["kabur rudenim"]}
PRACTICE = {"claim": "Write down what the foreigner says about the overstay visa.", "basis": "practice"}


def test_cue_fits_when_all_its_words_are_in_the_sentence_in_any_order():
    m = StepMatcher([_guide("a", [OVERSTAY, ESCAPE, PRACTICE])])
    hits = m.match(["Seorang WNA sudah tiga bulan melebihi masa izin tinggal, apa tindakannya?"])
    assert [h.point.provisions for h in hits] == [("uu-6-2011/pasal-78",)]
    assert hits[0].via.startswith("cue: melebihi izin tinggal") and hits[0].score == 1.0
    # one word of the cue missing: no fit through that cue
    assert not m.match(["Seorang WNA melebihi batas, apa tindakannya?"], threshold=0.99)


def test_one_word_cues_are_ignored_and_practice_steps_never_fit():
    m = StepMatcher([_guide("a", [OVERSTAY, PRACTICE])])
    assert len(stem_set("paspor")) < MIN_CUE_STEMS
    assert not m.match(["Paspor saya hilang di bandara."], threshold=0.99)
    assert all(p.basis == "law" for _, p in m.units)


def test_claim_route_uses_the_threshold_and_each_sentence_separately():
    m = StepMatcher([_guide("a", [OVERSTAY]), _guide("b", [ESCAPE])])
    sents = ["Last night a guard helped a detainee escape from the detention centre.",
             "Also a foreigner stays beyond the stay permit."]
    hits = m.match(sents, threshold=0.3)
    assert {h.guide for h in hits} == {"a", "b"}
    assert not m.match(sents, threshold=1.01)


def test_a_step_adding_no_new_provision_is_dropped_and_the_limit_holds():
    twin = dict(ESCAPE, claim="Escaping the detention centre: the detainee's own offence.", cues=["escape detention"])
    m = StepMatcher([_guide("a", [ESCAPE, twin])])
    hits = m.match(["A detainee tried to escape detention and kabur dari rudenim."])
    assert len(hits) == 1
    assert len(StepMatcher([_guide("a", [OVERSTAY]), _guide("b", [ESCAPE])]).match(
        ["overstay visa, kabur rudenim"], limit=1)) == 1


def test_scenario_sentences_keeps_the_whole_question_first():
    q = "A man overstayed his visa by two months. His employer hid him. What can I do?"
    parts = scenario_sentences(q)
    assert parts[0] == q and "A man overstayed his visa by two months." in parts
    assert scenario_sentences("What can I do?") == ["What can I do?"]


# ---------------------------------------------------------------- on the real corpus

import pytest  # noqa: E402

GUARD = {"claim": "A guard who does not follow the guarding rules so that a detainee escapes commits an offence.",
         "provisions": ["uu-6-2011/pasal-133/huruf-d"], "cues": ["guard left the gate open"]}


@pytest.fixture(scope="module")
def corpus():
    from lexqa.service import Session

    return Session().corpus


def _steps(corpus, question: str, steps: list[dict]):
    from lexqa.answer import AnswerConfig
    from lexqa.guides.answer import steps_answer

    g = _guide("detention-test", steps)
    hits = StepMatcher([g]).match(scenario_sentences(question))
    return hits, steps_answer(corpus, {g.id: g}, hits, question, None, AnswerConfig.load())


def test_steps_answer_quotes_live_and_verifies(corpus):
    q = "A detainee ran off last night. The guard left the gate open. What is the penalty for the guard?"
    hits, ans = _steps(corpus, q, [GUARD])
    assert [h.via for h in hits] == ["cue: guard left the gate open"]
    assert ans.verification["ok"] and not ans.abstained and ans.engine == "guide-steps:detention-test"
    assert [c.id for c in ans.citations] == ["uu-6-2011/pasal-133/huruf-d"]
    assert ans.signals["guide_steps"][0]["citations"] == ["uu-6-2011/pasal-133/huruf-d"]


def test_a_penalty_issue_without_numbers_takes_them_from_a_cue_matched_step(corpus):
    from lexqa.guides.answer import lead_from_steps

    q = "A detainee ran off last night. The guard left the gate open. What is the penalty for the guard?"
    _, ans = _steps(corpus, q, [GUARD])
    claims = lead_from_steps([], ans, q, corpus)
    assert len(claims) == 1 and claims[0]["facts"] == {"prison_max_months": 24} and claims[0]["from_guide"]
    assert "2 years" in claims[0]["text"] and "Pasal 133 huruf d" in claims[0]["text"]
    # a claim that already states numbers for the only issue is kept, and the step's offence added
    stated = [{"citations": ["uu-6-2011/pasal-134/huruf-b"], "text": "Up to 5 years.", "facts": {"prison_max_months": 60}}]
    both = lead_from_steps(stated, ans, q, corpus)
    assert both[0] is stated[0] and both[1]["facts"] == {"prison_max_months": 24}
    # a claim without numbers gives way; no offence issue in the question: nothing changes
    bare = [{"citations": ["uu-6-2011/pasal-17"], "text": "Pasal 17 says …"}]
    assert lead_from_steps(bare, ans, q, corpus)[0]["facts"] == {"prison_max_months": 24}
    calm = "A detainee ran off last night. The guard left the gate open. Who must I call?"
    assert lead_from_steps(bare, ans, calm, corpus) == bare


def test_with_guide_swaps_a_claim_without_numbers_in_the_lead_and_its_issue(corpus):
    from lexqa.answer import AnswerConfig
    from lexqa.answer.items import make_item
    from lexqa.answer.model import Answer
    from lexqa.service.session import with_guide

    q = "A detainee ran off last night. The guard left the gate open. What is the penalty for the guard?"
    _, steps = _steps(corpus, q, [GUARD])
    p17 = corpus.get("uu-6-2011/pasal-17")
    text = "UU 6/2011 Pasal 17 sets the checkpoints."
    composed = Answer(question=q, answer=text, abstained=False,
                      citations=[make_item(corpus, p17, 0.9, AnswerConfig.load())],
                      lead_claims=[{"citations": [p17.id], "text": text, "qtype": "penalty"}],
                      issues=[{"issue": "What is the penalty for the guard?", "qtype": "penalty", "polar": False,
                               "citations": [p17.id]}])
    out = with_guide(composed, steps, corpus)
    assert out.verification["ok"], out.verification
    lead = out.answer.split("\n\n")[0]
    assert text not in lead and "2 years" in lead and "Pasal 133 huruf d" in lead
    assert out.lead_claims[0]["from_guide"] and out.lead_claims[0]["facts"] == {"prison_max_months": 24}
    assert "uu-6-2011/pasal-133/huruf-d" in out.issues[0]["citations"]
    assert {c.id for c in out.citations} >= {p17.id, "uu-6-2011/pasal-133/huruf-d"}  # nothing the composer found is lost


def test_a_cue_common_in_the_guides_own_texts_is_not_used():
    common = {"claim": "Trafficking in persons: the definition.", "provisions": ["uu-21-2007/pasal-1"],
              "cues": ["apakah ini perdagangan orang", "jeratan utang perekrut"]}
    others = [_guide(f"g{i}", [{"claim": f"Korban perdagangan orang nomor {i} dirujuk.",
                                "provisions": ["uu-21-2007/pasal-51"]}]) for i in range(5)]
    m = StepMatcher([_guide("a", [common]), *others])
    assert ("a", "steps[1]", "apakah ini perdagangan orang") in m.unused_cues
    hits = m.match(["Korban perdagangan orang di bandara."], threshold=1.01)
    assert not hits  # the common cue no longer fits every trafficking question
    assert [h.via for h in m.match(["Perekrut memakai jeratan utang."], threshold=1.01)] == ["cue: jeratan utang perekrut"]


def test_with_guide_cites_each_composer_provision_once_whatever_the_number_of_issues(corpus):
    from lexqa.answer import AnswerConfig
    from lexqa.answer.items import make_item
    from lexqa.answer.model import Answer
    from lexqa.service.session import with_guide

    q = "A detainee ran off last night. The guard left the gate open. Who must I call, and what is the penalty?"
    _, steps = _steps(corpus, q, [GUARD])
    p17 = corpus.get("uu-6-2011/pasal-17")
    text = "UU 6/2011 Pasal 17 sets the checkpoints."
    issues = [{"issue": i, "qtype": "who", "polar": False, "citations": [p17.id]} for i in ("Who must I call", "and what?")]
    composed = Answer(question=q, answer=text, abstained=False,
                      citations=[make_item(corpus, p17, 0.9, AnswerConfig.load())],
                      lead_claims=[{"citations": [p17.id], "text": text, "qtype": "who"}], issues=issues)
    out = with_guide(composed, steps, corpus)
    ids = [c.id for c in out.citations]
    assert ids.count(p17.id) == 1 and len(ids) == len(set(ids)), ids  # two issues once prepended it twice


def test_a_whole_guide_answer_adds_the_cue_matched_steps_of_other_guides(corpus):
    from lexqa.answer import AnswerConfig
    from lexqa.guides.answer import guide_answer
    from lexqa.guides.match import Match

    q = "A detainee ran off last night. The guard left the gate open. What is the penalty for the guard?"
    other = _guide("detention-test", [GUARD])
    hits = StepMatcher([other]).match(scenario_sentences(q))
    main = _guide("main-test", [OVERSTAY])
    m = Match("main-test", 0.5, 0.3, None, 0.0, q)
    ans = guide_answer(corpus, main, q, m, None, AnswerConfig.load(), also=hits)
    assert ans.verification["ok"] and ans.engine == "guide:main-test"
    assert "Also from other guides" in ans.answer and "(detention-test)" in ans.answer
    assert {c.id for c in ans.citations} == {"uu-6-2011/pasal-78", "uu-6-2011/pasal-133/huruf-d"}
    assert ans.signals["guide_also"][0]["guide"] == "detention-test"
    # a step of the matched guide itself is never repeated under "also"
    again = guide_answer(corpus, other, q, Match("detention-test", 0.5, 0.3, None, 0.0, q), None,
                         AnswerConfig.load(), also=hits)
    assert "Also from other guides" not in again.answer and "guide_also" in again.signals and not again.signals["guide_also"]
