"""Feedback HTML: links to the section that teaches a question; colours that are never the only signal."""

from __future__ import annotations

import re

from widgets.selfcheck.feedback import section_href, section_link_html

from .support import all_html, text_of, view


def test_section_href_finds_the_lesson_file(tmp_path):
    (tmp_path / "01_historical_context.ipynb").write_text("{}")
    (tmp_path / "02_players.ipynb").write_text("{}")
    assert section_href(1, "The Cold War", tmp_path) == "01_historical_context.ipynb#The-Cold-War"
    assert section_href(2, "Who is who?", tmp_path) == "02_players.ipynb#Who-is-who%3F"
    assert section_href(3, "Anything", tmp_path) is None
    assert section_link_html(3, "A <b>", tmp_path) == "Lesson 3, “A &lt;b&gt;”"
    link = section_link_html(1, "The Cold War", tmp_path)
    assert 'href="01_historical_context.ipynb#The-Cold-War"' in link and "Lesson 1, “The Cold War”" in link


OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_feedback_colours_are_okabe_ito_and_never_the_only_signal(sc):
    v = view(sc, "rivers")
    seen = {}
    for chosen in (["Urals"], ["Volga", "Danube", "Urals"], ["Volga", "Danube", "Neva"], []):
        v.choice.value = chosen
        v.check_button.click()
        seen[tuple(chosen)] = v.feedback.value
    v.hint_button.click()
    v.reveal_button.click()
    colours = set(re.findall(r"#[0-9A-Fa-f]{6}", "".join(all_html(sc))))
    assert colours and colours <= OKABE_ITO
    words = {k: text_of(h) for k, h in seen.items()}
    assert "✗ Not quite" in words[("Urals",)]
    assert "◐ Partly right" in words[("Volga", "Danube", "Urals")]
    assert "✓ Correct" in words[("Volga", "Danube", "Neva")]
    assert "Not checked yet" in words[()]
