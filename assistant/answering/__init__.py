"""The default answer, as a pipeline of named parts: question → candidates → gates → features →
selection → composed answer. See `pipeline` for the steps."""

from assistant.answering.compose import NOT_FOUND
from assistant.answering.pipeline import Answerer, PartTrace
from assistant.answering.question import Intent, Question

__all__ = ["NOT_FOUND", "Answerer", "Intent", "PartTrace", "Question"]
