"""How a question's words are read before anything is searched: which capitalised words are
names the documents must contain, acronyms the documents spell out, typos, councils typed in
lower case, and the kinds of document a news page or a plan is filed as. Each test covers a
class of inputs (every weekday, every acronym in the vocabulary), not one sentence."""

from __future__ import annotations

import re

import pytest

from assistant.answering import Answerer
from assistant.answering.question import forms_of, salient_terms
from assistant.answering.spelling import Speller
from indexer import councils
from indexer.embedding import model_words
from indexer.metadata import detect_kind
from indexer.settings import Settings
from indexer.types import Block, DocKind
from indexer.vocabulary import ACRONYMS, WEEKDAYS, alternation


@pytest.mark.parametrize("day", [d.capitalize() for d in WEEKDAYS])
def test_a_weekday_in_a_context_lead_is_not_a_name_the_documents_must_contain(day):
    assert salient_terms(f"Ahead of {day}'s scrutiny meeting, what did Ofsted say about Lambeth?") == ["Lambeth"]


@pytest.mark.parametrize("opening", ["She", "He", "They", "It", "Ahead", "Thinking", "Also"])
def test_a_word_capitalised_because_it_opens_a_sentence_is_not_a_name(opening):
    question = f"Who was Swindon's director in 2023? {opening} was the one who signed the plan, wasn't it?"
    assert opening not in salient_terms(question)
    assert "Swindon" in salient_terms(question)  # a name is still a name


def test_a_name_inside_a_sentence_still_counts():
    assert salient_terms("What did Cllr Garry Bridges say?") == ["Garry", "Bridges"]


@pytest.mark.parametrize("acronym", sorted(ACRONYMS))
def test_every_acronym_in_the_vocabulary_is_also_looked_for_spelt_out(acronym):
    forms = forms_of(acronym)
    assert forms[0] == acronym and len(forms) > 1


def test_an_ordinary_capitalised_word_has_only_its_own_form():
    assert forms_of("Swindon") == ("Swindon",)


@pytest.mark.parametrize(
    "question, council",
    [
        ("what did ofsted say about slough in 2023", "Slough"),
        ("how is middlesbrough doing", "Middlesbrough"),
        ("B&NES grades?", "Bath and North East Somerset"),
        ("was hull rated good", "Kingston upon Hull"),
        ("Bath & North East Somerset's 2023 result", "Bath and North East Somerset"),
        # The short names users type: county abbreviations, nicknames, the trust's name,
        # and the possessive typed without its apostrophe.
        ("notts 2019 overall grade?", "Nottinghamshire"),
        ("what did herts get for care leavers", "Hertfordshire"),
        ("bucks reinspection dates", "Buckinghamshire"),
        ("iow help and protection judgement", "Isle of Wight"),
        ("which judgement was good for wolves", "Wolverhampton"),
        ("when did together for children take over", "Sunderland"),
        ("whats swindons overall grade", "Swindon"),
        ("surreys 2022 areas for improvement", "Surrey"),
    ],
)
def test_councils_are_found_in_questions_however_they_are_typed(question, council):
    assert councils.find(question, question=True) == [council]


@pytest.mark.parametrize(
    "word", ["reading the report, what changed?", "the kent team", "how many beds did the home have", "readings of the report"]
)
def test_lower_case_council_names_that_are_ordinary_words_are_not_councils(word):
    assert councils.find(word, question=True) == []


class _P:  # the two fields Speller reads: a passage's title and text
    def __init__(self, text: str) -> None:
        self.title, self.text = "", text


def test_a_typo_is_corrected_to_the_word_the_index_knows_and_known_words_are_left_alone():
    speller = Speller([_P("Ofsted inspection of care leavers. Ofsted found the inspection thorough.")])
    assert speller.correct("what did ofstead say abut care leavers after the inspecton?") == (
        "what did ofsted say abut care leavers after the inspection?"
    )
    assert speller.correct("Ofstead") == "Ofsted"


def test_a_name_the_index_lacks_is_not_corrected_into_one_it_has():
    speller = Speller([_P("Stockton council. Stockton children. Smith said. Smith agreed.")])
    assert speller.correct("What did Stockport and Smyth say?") == "What did Stockport and Smyth say?"


def test_an_inflection_is_not_rewritten():
    speller = Speller([_P("inspectors judged it good; inspectors judged it again")])
    assert speller.correct("how did they judge it?") == "how did they judge it?"


def _blocks(*texts: str) -> list[Block]:
    return [Block(text=t) for t in texts]


@pytest.mark.parametrize(
    "furniture",
    ["Notes to editors", "Advertisement", "Related stories", "Sign up to our newsletter", "Media enquiries: 01234"],
)
def test_a_news_page_about_an_inspection_is_not_filed_as_the_inspection_report(furniture):
    blocks = _blocks("Ofsted inspection finds council's children's services good", "The council said it was pleased.", furniture)
    assert detect_kind("Inspection finds children's services good", "news.html", blocks) is DocKind.OTHER


@pytest.mark.parametrize("title", ["Improvement plan 2023-25", "Children's services recovery plan", "Statement of Action"])
def test_an_improvement_plan_is_an_action_plan_whatever_its_name(title):
    assert detect_kind(title, "plan.docx", _blocks("Ref | Action | Lead")) is DocKind.ACTION_PLAN


def test_a_typo_and_an_acronym_do_not_make_an_answerable_question_unanswerable(answerer: Answerer):
    answer = answerer.run("what did ofstead say abut care leavers in Manchester?")
    assert answer.answered, answer.answer
    assert answer.question == "what did ofstead say abut care leavers in Manchester?"  # the user's words kept


@pytest.mark.parametrize(
    "words, text, found",
    [
        # a longer phrase that starts like a shorter one wins, whatever the order given
        (("lincolnshire", "north east lincolnshire"), "the north east lincolnshire letter", "north east lincolnshire"),
        (("sep", "sept", "september"), "on 3 september", "september"),
        # regex characters in a word are taken literally
        (("a.b", "c+d"), "axb a.b", "a.b"),
        (("(a)", "a"), "item (a) first", "(a)"),
    ],
)
def test_an_alternation_tries_the_longest_word_first_and_escapes_each(words, text, found):
    assert re.search(f"(?:{alternation(words)})", text).group(0) == found


@pytest.mark.parametrize(
    "question, acronym, words",
    [
        ("what did the report say about child sexual exploitation (CSE)?", "CSE", "child sexual exploitation"),
        ("how long do education, health and care plan (EHCP) assessments take?", "EHCP", "education health and care plan"),
        ("how many children looked after (CLA) are placed out of area?", "CLA", "children looked after"),
        ("were independent reviewing officers (IROs) visiting?", "IROs", "independent reviewing officers"),
    ],
)
def test_an_acronym_the_question_spells_out_itself_is_read_as_its_words(question, acronym, words):
    # Its words are what is asked: a document saying "sexual exploitation" without "CSE" may
    # answer it, so the acronym is no name the documents must hold (Answerer._unmentioned).
    from assistant.answering.question import spelt_out_in

    assert spelt_out_in(question, acronym) == words


@pytest.mark.parametrize(
    "question, acronym",
    [
        ("what did they say about CSE?", "CSE"),  # not spelt out: the documents must name it
        ("how does the front door (MASH) work?", "MASH"),  # brackets, but not its initials
        ("what about the plan (EHCP)?", "EHCP"),
    ],
)
def test_an_acronym_not_spelt_out_before_it_is_still_a_name(question, acronym):
    from assistant.answering.question import spelt_out_in

    assert spelt_out_in(question, acronym) is None


# A real word the index happens to lack is no typo, however close an index word is: the
# corrector would put words in the user's mouth ("raise" -> "praise", "rated" -> "dated").
REAL_WORDS_NEAR_INDEX_WORDS = [
    ("what concerns did ofsted raise?", "praise"),
    ("were caseloads rising?", "arising"),
    ("how was the board rated?", "grated"),
    ("did staff feel scared or cared for?", "scared"),
    ("is the trust still leaving?", "cleaving"),
]


@pytest.mark.parametrize("question, index_word", REAL_WORDS_NEAR_INDEX_WORDS)
def test_a_real_word_the_index_lacks_is_not_rewritten_into_one_it_has(question, index_word):
    text = f"Inspectors {index_word} the work. The report {index_word} the leaders. Ofsted found much. Ofsted left."
    real_words = model_words(Settings().embedding_model)
    assert real_words, "the embedding model's word list should load"
    assert Speller([_P(text)], dictionary=real_words).correct(question) == question
    # The near-miss: a typo is still corrected beside the real words.
    assert Speller([_P(text)], dictionary=real_words).correct("what did ofstead find?") == "what did ofsted find?"


def test_an_abolished_council_asked_about_is_read_as_its_successors_the_index_holds():
    from assistant.answering.question import with_successors
    from assistant.types import Scope

    both = {"North Northamptonshire", "West Northamptonshire", "Salford"}
    asked = Scope(("Northamptonshire",), (2019,))
    assert with_successors(asked, both) == Scope(("North Northamptonshire", "West Northamptonshire"), (2019,))
    assert with_successors(asked, {"West Northamptonshire"}).authorities == ("West Northamptonshire",)
    # Near-misses: the old council's own papers are indexed, or no successor is: left as asked
    # (the second is then refused as a council no document is about).
    assert with_successors(asked, both | {"Northamptonshire"}) == asked
    assert with_successors(asked, {"Salford"}) == asked
    assert with_successors(Scope(("Salford", "Poole")), {"Salford", "Bournemouth, Christchurch and Poole"}).authorities == (
        "Salford", "Bournemouth, Christchurch and Poole")


AMERICAN_SPELLINGS = [
    ("what was the help and protection judgment?", "judgement"),
    ("how is the organization doing?", "organisation"),
    ("is the new program working?", "programme"),
    ("what about children's behavior?", "behaviour"),
    ("did the family center close?", "centre"),
    ("how did leaders analyze the data?", "analyse"),
]


@pytest.mark.parametrize("question, british", AMERICAN_SPELLINGS)
def test_an_american_spelling_is_read_as_the_indexs_british_word(question, british):
    text = f"Inspectors noted the {british}. The {british} was good. Ofsted found much. Ofsted left."
    speller = Speller([_P(text)], dictionary=model_words(Settings().embedding_model))
    assert british in speller.correct(question)
    # Near-miss: with no British form in the index, the real word stays as typed.
    assert Speller([_P("Ofsted found much. Ofsted left.")], dictionary=model_words(Settings().embedding_model)).correct(question) == question
