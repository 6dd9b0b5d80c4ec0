"""Every council in `indexer.councils`, in every common form, is recognised in document text and
in questions, as itself and as no other council. Data-driven: the forms are made from the
module's own lists, so a council added there is tested here without a line of test code."""

from __future__ import annotations

import pytest

from indexer import councils

# The styles councils are named in (a council's own style is one of them; recognising all of them
# for every council costs nothing and covers the press's mistakes, "Kent Borough Council").
STYLES = (
    "{} Council", "{} County Council", "{} City Council", "{} Borough Council", "{} Metropolitan Borough Council",
    "London Borough of {}", "the Royal Borough of {}", "City of {} Council", "{}'s children's services",
)
DOCUMENT = "Ofsted has published its report on {} this week, after a three-week inspection."
QUESTION = "What did Ofsted find about {} in its last inspection?"


def spellings(name: str) -> set[str]:
    """The name with '&' for 'and' and each interchangeable spelling (hyphens, "Saint")."""
    forms = {name}
    for a, b in councils.SPELLINGS:
        forms |= {f.replace(a, b) for f in forms if a in f} | {f.replace(b, a) for f in forms if b in f}
    return forms | {f.replace(" and ", " & ") for f in forms if " and " in f}


def forms_of(name: str) -> list[str]:
    out = []
    for written in sorted(spellings(name)):
        if written.startswith("City of ") or written.startswith("County "):
            out += [written, f"{written} Council"]  # "City of London Council", "County Durham Council"
            continue
        out += [style.format(written) for style in STYLES]
    return out


CASES = [(name, form) for name in councils.COUNCILS for form in forms_of(name)]
SHORT = [(name, form) for form, name in councils.ALIASES.items()]


@pytest.mark.parametrize("name, form", CASES)
def test_every_council_in_every_style_in_a_document(name, form):
    assert councils.find(DOCUMENT.format(form)) == [name]


@pytest.mark.parametrize("name, form", CASES)
def test_every_council_in_every_style_in_a_question(name, form):
    assert councils.find(QUESTION.format(form), question=True) == [name]


@pytest.mark.parametrize("name, form", SHORT)
def test_short_forms_and_initials_are_the_council_they_stand_for(name, form):
    # a short form names its council with a council word or without (the press's "CWaC", "RBKC")
    text = form if form.split()[-1] in {"Council"} else f"{form} Council"
    assert councils.find(DOCUMENT.format(text)) == [name]
    assert councils.find(QUESTION.format(form), question=True) == [name]


@pytest.mark.parametrize("name, form", [(n, f) for f, n in councils.QUESTION_ALIASES.items()])
def test_question_only_short_forms(name, form):
    assert councils.find(QUESTION.format(form), question=True) == [name]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a hyphen or an abbreviation does not turn a council into the bigger one it contains
        ("Ofsted inspected North-East Lincolnshire in May.", ["North East Lincolnshire"]),
        ("Bath and North-East Somerset Council published its plan.", ["Bath and North East Somerset"]),
        ("A report on NE Lincs and N Lincs children's services.", ["North East Lincolnshire", "North Lincolnshire"]),
        # surnames and ordinary words that are also a council's short name count only beside a council word
        ("Ms Blackburn, the service director, presented the report.", []),
        ("Pupils at the Thomas Telford school were consulted.", []),
        ("Blackburn Council's cabinet noted the findings.", ["Blackburn with Darwen"]),
    ],
)
def test_near_misses_in_documents(text, expected):
    assert councils.find(text) == expected


@pytest.mark.parametrize("name", sorted(councils._AMBIGUOUS))
def test_a_name_that_is_also_a_word_is_its_councils_canonical_name_in_a_question(name):
    # "telford's 2024 grade" names Telford and Wrekin, the council the index files it under:
    # read as typed, it named a council no document is about, and the question was refused.
    expected = councils._variants()[name]
    for question in (f"{name.lower()}'s 2024 grade?", f"{name.lower()} 2024 - who led the inspection?"):
        assert [n for n, _, _ in councils.question_spans(question)] == [expected], question


AMPERSAND = [(name, form) for form, name in councils.QUESTION_ALIASES.items() if "&" in form]


@pytest.mark.parametrize("name, form", AMPERSAND)
def test_ampersand_initials_typed_in_a_question_are_the_council(name, form):
    assert councils.find(QUESTION.format(form), question=True) == [name]
    assert councils.find(f"what did ofsted say about {form.lower()} in 2024?", question=True) == [name]
    # Near-miss: in a document they may be another body's ("Tyne and Wear" as T&W), so not there.
    assert councils.find(DOCUMENT.format(form)) == []


def test_the_ampersand_initials_cover_the_two_part_names():
    assert {"H&F", "K&C", "B&H", "T&W", "CW&C", "B&D"} <= set(councils.QUESTION_ALIASES)


# A compass point before a county's everyday abbreviation is the council of that point, not the
# county: "south glos" had been read as Gloucestershire, which the index holds no paper of, and
# the question was refused.
COMPASS = [(name, form) for form, name in councils.QUESTION_ALIASES.items() if form.split()[0] in {"North", "South", "East", "West", "NE", "NW", "SE", "SW"}]


def test_the_compass_abbreviations_are_made_for_every_such_council():
    assert {"South Glos", "North Lincs", "NE Lincs", "West Northants", "North Northants"} <= {f for _, f in COMPASS}


@pytest.mark.parametrize("name, form", COMPASS)
def test_a_compass_point_and_a_county_abbreviation_in_a_question(name, form):
    for question in (f"summarise why {form.lower()} was judged inadequate", f"{form} 2023 ilacs - who was the dcs?"):
        assert [n for n, _, _ in councils.question_spans(question)] == [name], question


def test_the_county_abbreviation_alone_is_still_the_county():
    assert [n for n, _, _ in councils.question_spans("what did ofsted find in glos in 2019?")] == ["Gloucestershire"]
    assert [n for n, _, _ in councils.question_spans("northants grades 2019")] == ["Northamptonshire"]


@pytest.mark.parametrize("name", sorted(councils._AMBIGUOUS))
def test_a_name_that_is_also_a_word_placed_by_a_preposition_is_its_council(name):
    # "care leavers in sutton in 2025" scoped nothing: no possessive, council word or year
    # followed the name itself, so every council's papers were searched.
    expected = councils._variants()[name]
    for question in (f"what did inspectors say about care leavers in {name.lower()} in 2025",
                     f"how good are children's services in {name.lower()}?", f"who is the dcs for {name.lower()}"):
        assert [n for n, _, _ in councils.question_spans(question)] == [expected], question


@pytest.mark.parametrize("question", [
    "in reading the report, what stood out?",
    "what did members say about reading the plan in 2024?",
    "how do they bury bad news in committee papers?",
])
def test_the_word_itself_placed_by_a_preposition_is_no_council(question):
    assert councils.question_spans(question) == [], question
