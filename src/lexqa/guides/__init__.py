"""Checkpoint guides: cited procedures for the situations officers meet, as data
(src/lexqa/data/guides/*.toml, schema in docs/guides.md), checked against the timeline.

* ``load.load_guides(paths=None) -> list[Guide]``, ``load.find_guide(name, guides)``
* ``check.check_guide(corpus, guide, as_of) -> GuideCheck`` (`.ok`, `.errors`), ``check.live(corpus, pid, day)``
* ``render.render_guide(corpus, guide, day, check) -> dict`` (the `lexqa guide NAME --json` contract)
* ``match.Matcher(guides).match(question) -> Match | None``
* ``answer.guide_answer(corpus, guide, question, match, day, cfg) -> Answer`` (verified, fail closed)

The Session exposes them (service/guides.py); nothing here imports the service or the CLI.
"""
