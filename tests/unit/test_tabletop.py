"""Tabletop pages: slides in chain order from the first break, prompts, answers kept folded."""

from __future__ import annotations

import html
import re

from casebook.render import Corpus, SiteSettings
from casebook.render.tabletop import ROLE_BY_STAGE, default_prompt, tabletop_page
from casebook.validation import load_corpus
from casebook.vocabulary import stage_order
from tests.helpers import ROOT

SITE = ROOT / "tests" / "fixtures" / "cases" / "site"


def test_every_stage_has_a_role() -> None:
    """The default prompt names a role for every stage of the vocabulary."""
    assert set(ROLE_BY_STAGE) == set(stage_order())


def test_slides_follow_the_chain_from_the_first_break() -> None:
    """One opening slide, then one slide per event from the first break on, in chain order; every
    slide has a prompt and a folded answer."""
    corpus = Corpus.build(load_corpus(SITE).cases, SiteSettings())
    for case in corpus.cases:
        chain = corpus.chains[case.id]
        page = tabletop_page(case, corpus)
        later = list(chain.order[chain.order.index(chain.first_break) :])
        slides = re.findall(r'<section class="cb-tt-slide" id="step-(\d+)"', page)
        assert slides == [str(n) for n in range(1, len(later) + 2)], case.id
        titles = re.findall(r'<h2 class="cb-tt-title">(.*?)</h2>', page)[1:]
        assert len(titles) == len(later)
        assert page.count('class="cb-tt-prompt"') == len(slides)
        assert page.count('<details class="cb-tt-reveal">') == len(slides)
        assert "<details open" not in page


def test_default_prompt_speaks_to_the_room() -> None:
    """The default prompt casts the room in the stage's role at the organization and asks a question."""
    case = next(c for c in load_corpus(SITE).cases if c.id == "2009-united-breaks-guitars")
    event = next(e for e in case.chain if e.kind == "break")
    prompt = default_prompt(case, event)
    assert prompt.startswith(f"You are {ROLE_BY_STAGE[event.stage]} at {case.organization.name}.")
    assert prompt.endswith("?")


def test_a_prompt_in_the_case_file_is_used() -> None:
    """An event's own ``prompt`` replaces the default; at least ten real cases carry prompts."""
    cases = load_corpus(ROOT / "cases").cases
    with_prompts = [c for c in cases if any(e.prompt for e in c.chain)]
    assert len(with_prompts) >= 10
    case = next(c for c in with_prompts if c.id == "2009-united-breaks-guitars")
    corpus = Corpus.build([case], SiteSettings())
    slides = tabletop_page(case, corpus).split('<section class="cb-tt-slide"')[1:]
    prompted = [e for e in case.chain if e.prompt]
    for event in prompted:
        slide = next(s for s in slides if f'<h2 class="cb-tt-title">{html.escape(event.title, quote=False)}</h2>' in s)
        prompt = re.search(r'<p class="cb-tt-prompt"><span class="cb-tt-ask">For the room:</span> (.*?)</p>', slide)
        assert prompt is not None and html.unescape(prompt.group(1)) == event.prompt
