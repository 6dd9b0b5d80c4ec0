"""Questions asking for a person, answered by a sentence that names them by a role, a title or a
pronoun. Each class had the person need refuse a sentence that holds the answer:

1. an office's title after the name ("Jane Roe MP, Parliamentary Under-Secretary of State ...")
   for "which minister ...?", and HMI by their title for "which HMI signed the letter?";
2. one post under another council's name for it (cabinet member = lead member = portfolio holder);
3. the post typed alone, with no question word ("oakshire lead inspector 2021"), or as "name of
   the X ...", but not a judgement area named by a role's word ("impact of leaders grade");
4. a role in what was said ("who talked about inspectors ...?") taken for the role asked;
5. a post that speaks ("The Corporate Director said ...") for "who said ...?", and a view given
   as a pronoun's ("In his view ...") quoted with the sentence naming its holder;
6. a letter's sign-off on lines of its own, each too short to be a sentence.

Made-up wording throughout."""

from __future__ import annotations

import pytest

from assistant.answering.needs import need_of, post_speaks
from assistant.answering.question import asks_speaker
from assistant.answering.speakers import needs_speaker
from indexer.quotable import pieces_of
from indexer.types import DocKind, Passage


def test_a_minister_named_before_the_office_title_is_the_minister() -> None:
    need = need_of("which minister wrote to westbury after its inspection")
    assert need is not None and need.what == "who the minister was"
    assert need.met("A letter of thanks had come from Priya Nandra MP, Parliamentary Under-Secretary of State for Children and Families.")
    assert not need.met("The Chief Executive would reply to the Minister.")


def test_which_hmi_signed_is_met_by_the_letter_naming_its_inspectors_or_its_sign_off() -> None:
    need = need_of("which HMI signed the westbury monitoring visit letter")
    assert need is not None and need.what == "who the signatory was"
    assert need.met("The inspectors were Jo Brennan, His Majesty's Inspector, and Tom Ashe, His Majesty's Inspector.")
    assert need.met("Yours sincerely Mara Quinn His Majesty's Inspector")
    assert not need.met("This letter summarises the findings of the monitoring visit to Westbury.")


def test_who_signed_without_a_post_still_needs_the_sign_off() -> None:
    need = need_of("who signed the westbury visit letter?")
    assert need is not None and not need.met("The inspectors were Jo Brennan, His Majesty's Inspector, and Tom Ashe.")
    assert need.met("Yours sincerely Mara Quinn His Majesty's Inspector")


@pytest.mark.parametrize("asked", ["lead member", "portfolio holder", "cabinet member"])
def test_one_post_under_any_of_its_names(asked: str) -> None:
    need = need_of(f"who was the {asked} for children in westbury in 2020?")
    assert need is not None and need.what.startswith("who the ")
    for said in (
        "Councillor Ravi Osei, portfolio holder for children's services, welcomed the report.",
        "Councillor Ravi Osei, lead member for children and families, welcomed the report.",
        "Councillor Ravi Osei, cabinet member for children, welcomed the report.",
    ):
        assert need.met(said), said


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("westbury lead inspector 2021", "who the lead inspector was"),
        ("ashcombe cabinet member for children in 2018?", "who the cabinet member was"),
        ("name of the westbury council leader quoted about the 2020 ofsted result", "who the leader was"),
    ],
)
def test_a_post_typed_alone_asks_who_held_it(question: str, what: str) -> None:
    need = need_of(question)
    assert need is not None and need.what == what


@pytest.mark.parametrize("question", ["westbury impact of leaders grade 2021", "ashcombe lead officer report on the plan"])
def test_a_role_word_naming_a_grade_or_a_paper_asks_no_person(question: str) -> None:
    need = need_of(question)
    assert need is None or not need.what.startswith("who")


def test_a_role_in_what_was_said_is_not_the_role_asked() -> None:
    need = need_of("who in westbury talked about inspectors praising the front door")
    assert need is not None and need.what == "a person" and not need.roles
    assert need.met("Dana Kerr, executive director, said she was glad inspectors had praised the front door.")
    assert asks_speaker("who in westbury talked about inspectors praising the front door")


def test_a_post_that_speaks_answers_who_said() -> None:
    need = need_of("who said the rating was a shared achievement")
    assert need is not None
    assert need.met("The Corporate Director for People said the rating was a shared achievement.")
    assert post_speaks("12.4 The Interim Head of Service told members the hub had opened.")
    assert not need.met("The Committee said the rating was a shared achievement.")


def test_a_view_given_as_a_pronouns_needs_its_speaker() -> None:
    assert needs_speaker("In his view the service had turned a corner.")
    assert needs_speaker("According to her, caseloads had fallen.")
    assert not needs_speaker("In the view of inspectors, caseloads had fallen.")


def test_a_sign_off_on_lines_of_its_own_is_one_piece() -> None:
    text = "Leaders know their services well.\nYours sincerely\nMara Quinn\nHis Majesty's Inspector"
    p = Passage(id="p1", source="letter.pdf", title="t", kind=DocKind.INSPECTION_REPORT, page=3, heading="", text=text,
                ordinal=4, file_hash="h", authority="Westbury")
    pieces = [x for x in pieces_of(p) if x.text.startswith("Yours sincerely")]
    assert [x.text for x in pieces] == ["Yours sincerely Mara Quinn His Majesty's Inspector"]
    assert pieces[0].quote in text


def test_a_framework_named_gives_a_person_question_its_years() -> None:
    from assistant.answering.gates import framework_years

    # The SIF's last year is the ILACS's first: its inspections are of the years before.
    assert framework_years("who was the lead inspector of the oakshire inadequate SIF?") == tuple(range(2013, 2018))
    assert framework_years("who led the single inspection framework inspection of westbury") == tuple(range(2013, 2018))
    assert framework_years("who was the lead inspector of the westbury ILACS?")[0] == 2018
    assert framework_years("who led both the SIF and the ILACS?") == ()
    assert framework_years("who was the lead inspector?") == ()


def test_an_inspectorate_is_no_inspector() -> None:
    need = need_of("which named inspector signed the westbury jtai letter?")
    assert need is not None
    assert not need.met("Ofsted, the Care Quality Commission and Her Majesty's Inspectorate of Probation (HMI Probation) carried out a joint inspection.")
    assert need.met("The inspectors were Jo Brennan, His Majesty's Inspector, and Tom Ashe, His Majesty's Inspector.")
