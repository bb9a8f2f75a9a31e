"""Lesson 4's data and models: the cases and treaties loaders (good files, and every bad field named
with file, line and field), the comparison model, the treaty-life model and the activities' scoring."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from widgets.data import DataError, load_cases, load_treaties
from widgets.data.records import CASE_FACTORS
from widgets.cases import activities as act
from widgets.cases import model, treaty_life as tl

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 3, 1)

CASE = '''
[[cases]]
id = "demo"
title = "Demo accord (2001)"
start = "2001-01-10"
parties = ["united-states", "russia"]
mediators = ["united-nations"]
mediator_type = "facilitator"
summary = "A demonstration case."
outcome = "It held."
status = "holding"
status_as_of = "2026-03-01"
lessons = ["One lesson."]
sources = [{ title = "Source", url = "https://example.org/a", kind = "official" }]

[[cases.phases]]
kind = "talks-opened"
date = "2001-01-10"
title = "Talks open"
sources = [{ title = "Source", url = "https://example.org/a", kind = "official" }]

[[cases.phases]]
kind = "signature"
date = "2001-03"
title = "Signed"
sources = [{ title = "Source", url = "https://example.org/a", kind = "official" }]
'''

FACTOR = '''
[[cases.factors]]
factor = "{name}"
level = "{level}"
text = "Coded."
sources = [{{ title = "Source", url = "https://example.org/a", kind = "official" }}]
'''

TREATY = '''
[[treaties]]
id = "demo"
name = "Demo Treaty"
kind = "bilateral"
summary = "A demonstration treaty."
sources = [{ title = "Source", url = "https://example.org/t", kind = "official" }]

[[treaties.events]]
kind = "signature"
date = "2000-01-01"
sources = [{ title = "Source", url = "https://example.org/t", kind = "official" }]

[[treaties.events]]
kind = "entry-into-force"
date = "2001-01-01"
sources = [{ title = "Source", url = "https://example.org/t", kind = "official" }]

[[treaties.events]]
kind = "suspension"
party = "russia"
date = "2005-06-01"
sources = [{ title = "Source", url = "https://example.org/t", kind = "official" }]

[[treaties.events]]
kind = "withdrawal"
party = "us"
date = "2008-01-01"
sources = [{ title = "Source", url = "https://example.org/t", kind = "official" }]
'''


def all_factors(level: str = "some") -> str:
    return "".join(FACTOR.format(name=n, level=level) for n in CASE_FACTORS)


def write_case(tmp_path: Path, text: str) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "demo.toml").write_text(text, encoding="utf-8")
    return tmp_path


def load_error(fn, folder) -> str:
    with pytest.raises(DataError) as exc:
        fn(folder)
    return str(exc.value)


# ---------------------------------------------------------------- the course's data


def test_the_six_cases_load_with_phases_and_all_eight_factors():
    cases = load_cases()
    assert {c.id for c in cases} == {"camp-david-1978", "good-friday-1998", "jcpoa-2015", "inf-1987",
                                     "new-start-2010", "black-sea-grain-2022"}
    for c in cases:
        assert [f.factor for f in c.factors] == list(CASE_FACTORS)
        assert c.phases and c.phases[0].kind == "talks-opened" and c.phases[0].date == c.start
        assert c.status and c.status_as_of
        assert all(f.sources for f in c.factors) and all(p.sources for p in c.phases)


def test_the_treaties_cover_every_agreement_the_issue_names():
    names = {t.id for t in load_treaties()}
    assert {"ltbt", "npt", "salt-i-interim", "abm", "inf", "start-i", "start-ii", "sort", "new-start", "cfe",
            "open-skies", "ctbt"} <= names


def test_treaty_dates_match_the_sources_read():
    by_id = {t.id: t for t in load_treaties()}
    assert str(by_id["ltbt"].first("entry-into-force").date) == "1963-10-10"
    assert str(by_id["abm"].first("withdrawal").date) == "2002-06-13"
    assert str(by_id["new-start"].first("expiry").date) == "2026-02-05"
    assert str(by_id["open-skies"].first("withdrawal").date) == "2020-11-22"
    assert by_id["start-ii"].first("entry-into-force") is None
    assert by_id["ctbt"].first("entry-into-force") is None


# ---------------------------------------------------------------- loader messages


def test_a_plain_case_without_lesson4_fields_still_loads(tmp_path):
    text = CASE.split("\nstatus =")[0] + '\nlessons = ["One."]\nsources = [{ title = "S", url = "https://example.org/a" }]\n'
    cases = load_cases(write_case(tmp_path, text))
    assert cases[0].factors == () and cases[0].phases == ()


def test_a_good_case_loads_and_sorts_its_factors(tmp_path):
    text = CASE + "".join(FACTOR.format(name=n, level="strong") for n in reversed(CASE_FACTORS))
    (case,) = load_cases(write_case(tmp_path, text))
    assert [f.factor for f in case.factors] == list(CASE_FACTORS)
    assert case.factor("deadline").level == "strong"


def test_a_bad_phase_date_names_file_line_case_and_field(tmp_path):
    text = (CASE + all_factors()).replace('date = "2001-03"', 'date = "2001-13"')
    msg = load_error(load_cases, write_case(tmp_path, text))
    line = text.splitlines().index('date = "2001-13"') + 1
    assert re.search(rf"cases/demo\.toml, line {line} \(case 'demo', phase 2\), field 'date': '2001-13'", msg), msg


def test_an_unknown_factor_level_and_kind_are_named(tmp_path):
    text = CASE + all_factors().replace('level = "some"', 'level = "medium"', 1).replace(
        'factor = "secrecy"', 'factor = "luck"')
    msg = load_error(load_cases, write_case(tmp_path, text))
    assert "(case 'demo', factor 1), field 'level': 'medium' is not a known level" in msg
    assert "field 'factor': 'luck' is not a known factor" in msg


def test_a_missing_factor_and_a_duplicate_are_errors(tmp_path):
    codings = all_factors().replace('factor = "secrecy"', 'factor = "deadline"')
    msg = load_error(load_cases, write_case(tmp_path, CASE + codings))
    assert "'deadline' is coded twice" in msg


def test_missing_factors_are_listed(tmp_path):
    msg = load_error(load_cases, write_case(tmp_path, CASE + FACTOR.format(name="deadline", level="some")))
    assert "field 'factors'" in msg and "mediator, secrecy" in msg and "are not coded" in msg


def test_a_status_needs_an_as_of_date_and_a_known_value(tmp_path):
    msg = load_error(load_cases, write_case(tmp_path, CASE.replace('status_as_of = "2026-03-01"\n', "")
                                            .replace('status = "holding"', 'status = "fine"')))
    assert "field 'status': 'fine' is not a known status" in msg


def test_a_phase_before_the_start_and_mediators_with_type_none_are_errors(tmp_path):
    text = (CASE + all_factors()).replace('date = "2001-01-10"\ntitle = "Talks open"', 'date = "2000-12-01"\ntitle = "Talks open"')
    text = text.replace('mediator_type = "facilitator"', 'mediator_type = "none"')
    msg = load_error(load_cases, write_case(tmp_path, text))
    assert "is after the case's first phase" in msg
    assert "field 'mediator_type': 'none' contradicts the case's mediators" in msg


def test_a_good_treaty_loads(tmp_path):
    (tmp_path / "treaties.toml").write_text(TREATY, encoding="utf-8")
    (t,) = load_treaties(tmp_path)
    assert [e.kind for e in t.events] == ["signature", "entry-into-force", "suspension", "withdrawal"]
    assert t.events[2].party == "russia" and t.events[0].party == "both"


def test_treaty_errors_name_file_line_treaty_and_field(tmp_path):
    bad = TREATY.replace('kind = "suspension"', 'kind = "paused"').replace('party = "us"', 'party = "uk"')
    (tmp_path / "treaties.toml").write_text(bad, encoding="utf-8")
    msg = load_error(load_treaties, tmp_path)
    line = bad.splitlines().index('kind = "paused"') + 1
    assert f"treaties.toml, line {line} (treaty 'demo', event 3), field 'kind': 'paused'" in msg
    assert "field 'party': 'uk' is not a known party" in msg


def test_entry_into_force_before_signature_is_an_error(tmp_path):
    bad = TREATY.replace('date = "2001-01-01"', 'date = "1999-01-01"', 1)
    (tmp_path / "treaties.toml").write_text(bad, encoding="utf-8")
    assert "entry into force is before the signature" in load_error(load_treaties, tmp_path)


def test_no_treaties_file_is_named(tmp_path):
    assert "no treaties.toml file" in load_error(load_treaties, tmp_path)


# ---------------------------------------------------------------- treaty life


def demo_treaty(tmp_path):
    (tmp_path / "treaties.toml").write_text(TREATY, encoding="utf-8")
    return load_treaties(tmp_path)[0]


def test_state_on_follows_the_life(tmp_path):
    t = demo_treaty(tmp_path)
    assert tl.state_on(t, date(1999, 12, 31)) == tl.NOT_YET
    assert tl.state_on(t, date(2000, 6, 1)) == tl.SIGNED
    assert tl.state_on(t, date(2001, 1, 1)) == tl.IN_FORCE
    assert tl.state_on(t, date(2006, 1, 1)) == tl.SUSPENDED
    assert tl.state_on(t, date(2008, 1, 1)) == tl.ENDED


def test_segments_are_consecutive_and_labelled(tmp_path):
    segs = tl.segments(demo_treaty(tmp_path), AS_OF)
    assert [s.state for s in segs] == [tl.SIGNED, tl.IN_FORCE, tl.SUSPENDED]
    assert all(a.end == b.start for a, b in zip(segs, segs[1:]))
    assert segs[-1].end == date(2008, 1, 1) and segs[1].start_label == "1 January 2001"


def test_what_was_in_force_in_the_course_data():
    treaties = load_treaties()
    assert tl.year_sentence(treaties, 1963, AS_OF) == (
        "At the end of 1963, 1 of these agreements was in force: Limited Test Ban Treaty.")
    s2026 = tl.year_sentence(treaties, 2026, AS_OF)
    assert s2026.startswith("On 1 March 2026, 2 of these agreements were in force")
    counts = dict((y, n) for y, n, _ in tl.year_counts(treaties, AS_OF))
    assert counts[2003] == 7 and counts[2026] == 2 and max(counts.values()) == 7


def test_the_figure_spec_is_escaped_and_keeps_a_date_axis():
    traces, layout = tl.figure_spec(load_treaties(), AS_OF, 1990)
    assert layout["xaxis"]["type"] == "date" and layout["yaxis"]["type"] == "category"
    assert layout["shapes"][0]["x0"] == "1990-12-31"
    assert all("<" not in y for tr in traces for y in tr["y"])


def test_life_table_links_every_source():
    html = tl.life_table_html(load_treaties())
    assert html.count("<tr>") > 50 and 'scope="row"' in html and "history.state.gov" in html


# ---------------------------------------------------------------- comparison model


def test_factor_table_is_a_real_table_with_headers():
    cases = model.choose(load_cases(), ["camp-david-1978", "inf-1987"])
    html = model.factor_table_html(cases)
    assert html.startswith("<table") and "<caption" in html
    assert html.count('<th scope="col">') == 3 and html.count('<th scope="row"') == 10
    assert "(course judgement)" in html


def test_factor_table_escapes_text(tmp_path):
    text = (CASE + all_factors()).replace('text = "Coded."', 'text = "<script>x</script>"')
    cases = load_cases(write_case(tmp_path, text))
    html = model.factor_table_html(cases)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_phase_days_count_from_the_opening_of_talks():
    camp = next(c for c in load_cases() if c.id == "camp-david-1978")
    days = dict((p.kind, d) for p, d in model.phase_days(camp))
    assert days["talks-opened"] == 0 and days["interim-deal"] == 12 and days["signature"] == 202
    assert model.milestone_days(camp)["end"] is None
    assert "no end as of 1 March 2026" in model.milestones_sentence(camp)


def test_phases_svg_has_one_row_per_case_a_shape_per_kind_and_a_title_per_phase():
    cases = model.choose(load_cases(), ["inf-1987", "new-start-2010", "black-sea-grain-2022", "jcpoa-2015"])
    assert len(cases) == model.MAX_COMPARED
    svg = model.phases_svg(cases)
    assert svg.startswith('<svg class="course-phases-chart" role="img"') and 'width="100%"' in svg
    assert svg.count('<g class="course-phase">') == sum(len(c.phases) for c in cases)
    assert "Days from the opening of talks" in svg and "aria-label=" in svg
    assert len(set(model.PHASE_SHAPES.values())) == len(model.PHASE_SHAPES)


def test_phases_svg_escapes_titles(tmp_path):
    text = (CASE + all_factors()).replace('title = "Signed"', 'title = "<b>Signed</b>"')
    svg = model.phases_svg(load_cases(write_case(tmp_path, text)))
    assert "<b>" not in svg and "&lt;b&gt;Signed" in svg


def test_short_title_drops_bracketed_years():
    titles = [model.short_title(c) for c in load_cases()]
    assert "Camp David Accords and the Egypt–Israel peace treaty" in titles
    assert not any(re.search(r"\(\d{4}\)", t) for t in titles)


# ---------------------------------------------------------------- activities


def test_rating_score_gives_half_credit_one_step_off():
    camp = next(c for c in load_cases() if c.id == "camp-david-1978")
    same = {f.factor: f.level for f in camp.factors}
    assert act.rating_score(camp, same) == 1.0
    off = dict(same, secrecy="some")  # strong -> some
    assert act.rating_score(camp, off) == pytest.approx(1 - 0.5 / 8)
    assert act.decode_ratings(act.encode_ratings(off)) == off


def test_comparison_html_counts_agreement_and_names_judgements():
    camp = next(c for c in load_cases() if c.id == "camp-david-1978")
    ratings = {f.factor: f.level for f in camp.factors}
    html = act.comparison_html(camp, ratings)
    assert "on 8 of 8 factors" in html and "(course judgement)" in html


def test_transfer_round_trip_and_score():
    choices = {"deadline": "carries", "mediator": "not"}
    reasons = {"deadline": "Expiry; dates | force decisions.", "mediator": ""}
    attempt = act.transfer_attempt(choices, reasons, "2026-12-01T10:00:00+00:00")
    assert attempt.bank == act.TRANSFER_BANK and attempt.score == pytest.approx(1 / 8)
    got_choices, got_reasons = act.decode_transfer(attempt.answer)
    assert got_choices == choices and got_reasons["deadline"] == "Expiry, dates / force decisions."


def test_the_models_import_no_widget_library():
    for name in ("model", "treaty_life", "activities", "sources"):
        text = (ROOT / "widgets" / "cases" / f"{name}.py").read_text()
        assert not re.search(r"^\s*(import|from)\s+(ipywidgets|plotly|anywidget|traitlets)", text, re.M), name
