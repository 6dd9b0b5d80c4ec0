"""The answerer's knobs: the weight of each feature and the thresholds of selection, typed and
nested, read from a preset file (`presets/<name>.json`) rather than module constants, so a
fitted set of weights is a file to review and swap, not an edit to the code.

The store, the model, `min_score` and `answer_sentences` stay in `indexer.settings.Settings`
(flags and `IA_*` variables users already set)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

PRESETS = Path(__file__).resolve().parent / "presets"


class FeatureWeights(BaseModel):
    """One weight per feature (`assistant.answering.features.FEATURES`, same names). Negative
    weights are penalties: their features are 1 when the sentence has the fault."""

    model_config = ConfigDict(extra="forbid")

    sentence: float = 0.5
    passage: float = 0.1
    words: float = 0.35
    words_in_context: float = 0.1
    wrong_type: float = -0.15
    names: float = 0.35
    year: float = 0.05
    report: float = 0.05
    rank: float = 0.1
    grade_row: float = 0.15
    unasked_label: float = -0.15
    other_year: float = -0.1
    numbered: float = 0.15
    list_asked: float = 0.15
    in_role: float = 0.2
    quoted: float = 0.3
    # A yes-or-no question's deciding sentence (features._decides, _polar): 0 for any other
    # question, so its scores are unchanged.
    decides: float = 0.2
    polar: float = 0.15
    bias: float = 0.0


class Selection(BaseModel):
    """How many of the best candidates are quoted, and how close to the best they must be."""

    model_config = ConfigDict(extra="forbid")

    # Near-ties with the best sentence are worth quoting too; anything further below is noise.
    keep_within: float = Field(0.12, ge=0.0)
    # A sentence that meets the question's need (a date, a named person in the role asked
    # about, or words given to the speaker asked about: gates.SpeakerGate) is itself evidence: it
    # may be a little less close than min_score asks.
    need_met_slack: float = Field(0.05, ge=0.0)
    # A candidate found by the wider look (nothing in the top passages passed the gates) must
    # score this much above the floor a top candidate needs: retrieval ranked it lower.
    wider_look_margin: float = Field(0.1, ge=0.0)
    # The second council of a comparison may be answered a little less closely than a lone question.
    comparison_slack: float = Field(0.1, ge=0.0)
    # A part setting two years side by side searches each year's documents too: this many of
    # each year's best passages join the whole search's (pipeline.year_sides).
    side_passages: int = Field(4, ge=0, le=20)
    # A summary ("summarise the report") quotes more points, from different passages, further
    # from the best than a single answer would.
    summary_sentences: int = Field(5, ge=1, le=12)
    summary_keep_within: float = Field(0.25, ge=0.0)
    # A summary of a whole document opens with the document's own summary: its first passage of
    # findings (an inspection's headline paragraph under its grade table, a letter's or a news
    # page's opening), this many of its sentences in its order, before the points ranked closest.
    summary_lead_sentences: int = Field(8, ge=0, le=20)
    # A whole-document summary is read, not searched: at most this many points in all (its grade
    # table's rows aside; a list is one point), the headline's share included. 20 is above the
    # 12 + 2 + 5 it can quote, so no cap: at 10, one summary in each of four development sets
    # lost a fact past the tenth point. Lower it for shorter summaries at that cost.
    summary_points: int = Field(20, ge=1, le=20)
    # A whole-event summary whose document is not of a kind the question names (a briefing or
    # minutes of "the 2019 inspection") adds this many points of the best other document about
    # it (pipeline.Answerer._other_document_points): the facts of one inspection are spread over
    # the council's documents of it. 0 summarises one document only.
    summary_other_points: int = Field(2, ge=0, le=6)
    # A summary over time ("X's Ofsted history", "its journey since 2019": pipeline.spans_time)
    # quotes each year's best document, this many of its points (a grade first), oldest first.
    summary_history_points: int = Field(2, ge=1, le=6)
    # A whole-document summary also quotes the items of the document's own sections of findings
    # by leaning ("Strengths:", "Concerns:", "What needs to improve?": assistant.answering.sections),
    # this many of each, in the document's order: the points a member reads a summary for, which
    # share few words with "summarise ..." and so rank low. 0 leaves them to ranking.
    summary_section_points: int = Field(5, ge=0, le=12)
    # A question asking for several findings ("what concerns did Ofsted raise?", "what did the
    # cabinet resolve?") is answered by the points of its best document: its candidates this
    # close to the best (wider than `keep_within`: each point is one item, and none repeats the
    # question's words as the best does), at most this many (pipeline.Answerer._list_points).
    list_points: int = Field(8, ge=1, le=12)
    list_keep_within: float = Field(0.25, ge=0.0)
    # Subject words: those in at most this share of passages; failing any, this wider share.
    topic_max_share: float = Field(0.15, gt=0.0, le=1.0)
    topic_fallback_share: float = Field(0.6, gt=0.0, le=1.0)
    # How closely a candidate must hold the words a question quotes (rapidfuzz's partial ratio of
    # the plain texts, 0-100): "who said 'we're not done yet'" is answered by the sentence with
    # "We’re not done yet", and by one misquoting a letter, not by one with other words.
    quote_match: float = Field(90.0, ge=0.0, le=100.0)


class AnswerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preset: str = "default"
    weights: FeatureWeights = FeatureWeights()
    selection: Selection = Selection()

    @classmethod
    def load(cls, name_or_path: str = "default") -> "AnswerSettings":
        """A preset by name (`presets/NAME.json`) or a JSON file's path; unknown keys are refused."""
        path = Path(name_or_path)
        if not path.suffix:
            path = PRESETS / f"{name_or_path}.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"answer preset {name_or_path!r}: cannot read {path} ({exc.strerror})") from None
        return cls.model_validate_json(text)
