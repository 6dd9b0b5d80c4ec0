"""Sentence splitting: council abbreviations do not end sentences, and every piece is verbatim."""

from indexer.sentences import split_sentences


def test_council_abbreviations_and_initials_do_not_end_a_sentence():
    text = (
        "Cllr. Bridges welcomed the result, e.g. the care leavers judgement. "
        "Item 4 came from the SEND inspection in Nov. 2021. J. Smith agreed. "
        "‘Our latest rating is a great achievement.’ He said so."
    )
    assert split_sentences(text) == [
        "Cllr. Bridges welcomed the result, e.g. the care leavers judgement.",
        "Item 4 came from the SEND inspection in Nov. 2021.",
        "J. Smith agreed.",
        "‘Our latest rating is a great achievement.’",
        "He said so.",
    ]


def test_every_sentence_is_a_verbatim_slice_of_the_text():
    text = "Almost 60% of staff qualified recently.  The plan (item 4) follows.\nDecision: to note the report."
    for sentence in split_sentences(text):
        assert sentence in text


def test_numbers_and_lowercase_continuations_stay_together():
    assert split_sentences("It rose to 4.5 per cent. then fell.") == ["It rose to 4.5 per cent. then fell."]
    assert split_sentences("The grade was good. 2017 was different.") == ["The grade was good.", "2017 was different."]
