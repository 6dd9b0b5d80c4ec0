"""A conversation: follow-up questions are answered about the council and year of the one before.

"What did inspectors say about Stockton's 2023 report?" then "and what about care leavers?":
the second names no council or year, so it inherits the first's scope, and the answer says so.
"""

from __future__ import annotations

from typing import Protocol

from assistant.types import Answer, Filters, Scope


class Answers(Protocol):
    def run(self, question: str, filters: Filters | None = None, previous: Scope | None = None) -> Answer: ...


class Conversation:
    def __init__(self, answerer: Answers) -> None:
        self.answerer = answerer
        self.scope: Scope | None = None

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        answer = self.answerer.run(question, filters, previous=self.scope)
        if answer.scope:
            self.scope = answer.scope
        return answer

    def reset(self) -> None:
        self.scope = None
