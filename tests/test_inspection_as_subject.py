"""The inspection or the visit as the subject of "find" or "say" asks for the inspection's own
words, as "what did inspectors find" does; after the verb it is what someone else spoke about."""

from __future__ import annotations

import pytest

from assistant.answering.question import ASKS_INSPECTORS


@pytest.mark.parametrize("question", [
    "What did the inspection find?",
    "what did the 2023 inspection say about care leavers",
    "what did the focused visit find at Kelbrook?",
    "what did the monitoring visit say about caseloads",
    "what did inspectors find about the front door",  # as before
    "what did ofsted say about Marlow Vale's fostering",  # as before
])
def test_the_inspection_or_visit_as_subject_asks_for_the_inspection_s_words(question):
    assert ASKS_INSPECTORS.search(question)


@pytest.mark.parametrize("question", [
    "what did members say about the inspection?",
    "what did the lead member say after the visit",
    "what did the committee resolve about the inspection",
    "who chaired the meeting that discussed the visit",
])
def test_an_inspection_spoken_about_asks_for_the_speaker_s_words(question):
    assert not ASKS_INSPECTORS.search(question)
