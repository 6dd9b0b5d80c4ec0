"""Two classes of fact a need must accept in the documents' own forms, and their near-misses.

A post the Department for Education gives a council (an improvement adviser) is a role like a
director's: "which adviser was appointed?" is answered by the person named as the adviser, even
past the brief between the name and the role ("Jane Roe as the Department for Education's
improvement adviser"), and "who chaired the board?" by the post that chaired it ("chaired by an
adviser from the Department"). A sentence naming the post and no one does not answer "which
adviser". A publication is dated in any of its words ("released on 3 March"), but "carried out"
is no publication. Made-up councils, people and sentences throughout."""

import pytest

from assistant.answering.needs import need_of


def met(question: str, text: str, years: tuple[int, ...] = ()) -> bool:
    need = need_of(question, years)
    assert need is not None, question
    return need.met(text)


@pytest.mark.parametrize("question", [
    "which DfE improvement adviser was appointed to Fenbridge after the direction?",
    "who was the improvement adviser for Marlow Vale?",
    "which adviser did the minister appoint to Eastholm?",
])
@pytest.mark.parametrize("text, answers", [
    ("The Secretary of State appointed Priya Nandra as the Department for Education's improvement adviser.", True),
    ("In May the council welcomed Tom Hale as its new improvement adviser from the Department.", True),
    ("Improvement adviser: Dr Ruth Okoro", True),
    ("The minister issued a direction and appointed a DfE improvement adviser to support the council.", False),
    # A person named beside another role is not the adviser.
    ("Priya Nandra as the interim director of children's services met the adviser in June.", False),
])
def test_an_adviser_asked_for_is_a_person_named_as_one(question, text, answers):
    assert met(question, text) is answers


@pytest.mark.parametrize("text, answers", [
    ("An improvement board was set up, chaired by an adviser from the Department for Education.", True),
    ("The board, chaired by the independent improvement adviser, meets every six weeks.", True),
    ("The board is chaired by Cllr Ama Boateng.", True),
    # A chair that is only "a chair" names no post; an adviser who attends does not chair.
    ("The board is chaired by an independent chair.", False),
    ("An adviser from the Department attends the board, which meets monthly.", False),
])
def test_a_chair_may_be_the_post_that_chairs(text, answers):
    assert met("who chaired the fenbridge improvement board?", text) is answers


@pytest.mark.parametrize("text, answers", [
    ("The findings, released on Tuesday, March 3, rated the council's services as good.", True),
    ("The report was published on 3 March 2021.", True),
    ("Ofsted's letter, released today (3 March), praised the council.", True),
    # A date of the inspection that was carried out is not its publication.
    ("The inspection was carried out on 3 March 2021.", False),
    ("Inspectors visited the council on 3 and 4 March.", False),
])
@pytest.mark.parametrize("question", [
    "when was the fenbridge 2021 report published?",
    "when did marlow vale's good report get released in 2021",
])
def test_a_publication_is_dated_in_any_of_its_words(question, text, answers):
    assert met(question, text, (2021,)) is answers


# --- whose words, past a chain of pronoun-led sentences ---------------------------------------

from assistant.answering.candidates import units_of  # noqa: E402
from assistant.answering.speakers import with_speakers  # noqa: E402
from assistant.types import Hit  # noqa: E402
from indexer.types import DocKind, Passage  # noqa: E402


def _speaker_quote(text: str, sentence_start: str) -> str:
    passage = Passage(id="p", source="n.html", title="t", kind=DocKind.OTHER, page=None, heading="", text=text, ordinal=0, file_hash="h")
    unit = next(u for u in with_speakers(units_of(Hit(passage, 1.0))) if u.text.startswith(sentence_start))
    return unit.follow_on or unit.text


@pytest.mark.parametrize("middle", [
    "She said every case raised by inspectors had been checked before they left.",
    "He told the director that the council would recruit more managers.",
    "They explained that the chair of the board had been briefed.",
])
def test_a_pronoun_led_sentence_naming_a_role_is_no_speaker_of_the_next(middle):
    # The sentence between names a role (inspectors, a director, a chair) as whom the speaker
    # spoke of: the quote goes back to the sentence naming the speaker.
    text = (
        'Nadia Ferreira, Fenbridge\'s director of children\'s services, told the Gazette: "We are sorry." '
        f'{middle} "We will get on with it," she added, calling the plan "a long road, not a quick fix".'
    )
    quote = _speaker_quote(text, '"We will get on with it,"')
    assert "Nadia Ferreira" in quote


def test_a_sentence_naming_its_speaker_directly_before_is_still_the_one_quoted():
    text = 'The council said it was disappointed. Cllr Omar Lind said: "This is a fair report." "We will act," he added.'
    quote = _speaker_quote(text, '"We will act,"')
    assert quote.startswith("Cllr Omar Lind")


# --- an organisation as the agent of the asked verb ------------------------------------------


@pytest.mark.parametrize("text, answers", [
    ("The review has led to the creation of a family hub service, provided by an independent local authority trading company.", True),
    ("The service is now provided by a children's charity under a five-year contract.", True),
    ("Short breaks are provided by the Fenbridge Children's Trust.", True),
    # No agent: where and when it is provided say nobody.
    ("The family hub service was provided in twelve centres by March.", False),
    ("The family hub service has been inspected by a regulator and provided with new money.", False),
])
def test_an_organisation_that_provides_a_service_is_who_provides_it(text, answers):
    assert met("who provides fenbridge's family hub service now?", text) is answers


# --- "said" names a reaction's event, though it is a stopword -------------------------------

from assistant.answering.events import event_forms, event_words, names_event  # noqa: E402


@pytest.mark.parametrize("question", [
    "who was quoted in the fenbridge 2019 press release saying they were not complacent",
    "who commented on marlow vale's good report?",
    "who responded to the eastholm letter for the council?",
])
@pytest.mark.parametrize("text, names", [
    ('Nadia Ferreira, director of children\'s services, said: "We are not complacent."', True),
    ("The council leader says the result is deserved.", True),
    ("Omar Lind commented that the report was fair.", True),
    # Words with no reporting verb name no reaction.
    ("Nadia Ferreira is the director of children's services.", False),
    ("The report was published on 3 March.", False),
])
def test_a_reaction_asked_for_is_named_by_said(question, text, names):
    forms = event_forms(question)
    assert forms, question
    assert names_event(forms, event_words(text)) is names


# --- what a report calls something is its finding, not its frame ----------------------------

from assistant.answering.frame import is_frame  # noqa: E402


@pytest.mark.parametrize("line, frame", [
    # The report as the subject of "describes X as Y": what it found of X.
    ("The report describes the council as a strong and effective corporate parent.", False),
    ("The report describes support for care leavers as a standout strength and says much has improved.", False),
    ("This letter describes the front door as safe and well led.", False),
    # The document describing itself or its contents stays its frame.
    ("This letter describes the findings of the focused visit to Fenbridge.", True),
    ("The report describes how the inspection was carried out.", True),
    ("This report describes the work undertaken as part of the improvement programme.", True),
    ("This briefing summarises the findings of the inspection.", True),
])
def test_a_report_describing_something_as_a_quality_is_a_finding(line, frame):
    assert is_frame(line) is frame


# --- an action plan's colour said of its rows ----------------------------------------------


@pytest.mark.parametrize("question", [
    "what rows in the fenbridge improvement plan are red?",
    "which actions in marlow vale's plan are still red",
    "which of the plan's priorities were red at the last update?",
])
@pytest.mark.parametrize("text, answers", [
    ("Ref: 2.1 — Action: End the use of unregistered homes — Lead: Head of Service — RAG: Red", True),
    ("Ref: 2.2 — Action: Recruit foster carers — Lead: Head of Fostering — RAG: Amber", False),
])
def test_a_colour_said_of_a_plans_rows_asks_for_the_rows_of_that_colour(question, text, answers):
    need = need_of(question)
    assert need is not None and need.what == "an action rated red", question
    assert need.met(text) is answers


@pytest.mark.parametrize("question", ["is the fenbridge council green on climate?", "what were the red flags inspectors raised?"])
def test_a_colour_not_said_of_a_plans_rows_is_no_rag_need(question):
    need = need_of(question)
    assert need is None or not need.what.startswith("an action rated")
