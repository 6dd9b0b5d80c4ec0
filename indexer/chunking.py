"""Pack a document's blocks into passages the embedding model reads whole.

Rules, in order of priority:
- a passage never crosses a page (citations give one page);
- a table row stands alone, so its column headers travel with it;
- a passage stays within `max_tokens` word pieces: the model silently drops the rest;
- consecutive blocks under one heading are packed together until the budget is reached,
  so short paragraphs are not embedded without their neighbours;
- a heading change closes a passage once it holds `min_words` words.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Callable, Iterable

from indexer.loaders.common import row_block
from indexer.sentences import split_sentences
from indexer.types import Block, ParsedDocument, Passage, context_line

CountTokens = Callable[[str], int]


def passage_id(source: str, file_hash: str, ordinal: int, text: str) -> str:
    # Content-addressed: the same file content always yields the same ids, so an
    # interrupted or repeated run overwrites instead of duplicating.
    digest = hashlib.sha256(f"{source}\x00{file_hash}\x00{ordinal}\x00{text}".encode()).hexdigest()
    return digest[:32]


def split_long(block: Block, count_tokens: CountTokens, max_tokens: int) -> list[Block]:
    """Split an over-long block at sentence boundaries (then at words, for run-on text)."""
    if count_tokens(block.text) <= max_tokens:
        return [block]
    if block.is_table_row and block.cells:
        return _split_row(block, count_tokens, max_tokens)
    # Word pieces add up across whitespace (see _split_words), so a running sum stands in
    # for re-tokenising the growing piece after every sentence.
    pieces: list[str] = []
    current, used = "", 0
    for sentence in split_sentences(block.text):
        for part in _split_words(sentence, count_tokens, max_tokens):
            cost = count_tokens(part)
            if current and used + cost > max_tokens:
                pieces.append(current)
                current, used = part, cost
            else:
                current, used = f"{current} {part}".strip(), used + cost
    if current:
        pieces.append(current)
    return [Block(text=p, page=block.page, heading=block.heading) for p in pieces]


def _split_row(block: Block, count_tokens: CountTokens, max_tokens: int) -> list[Block]:
    """A long table row as several rows, each within the budget: its cells in order, the
    first cell (the row's key: "No.: 4", the area) repeated at the head of each, and a cell
    too long on its own cut at sentences. Every piece of a cell is still the document's own
    words, so quotes stay verbatim."""
    key, *rest = block.cells
    if not rest:  # one cell, over the budget: split it like a paragraph
        key, rest = ("", ""), list(block.cells)
    key_cost = count_tokens(f"{key[0]}: {key[1]} — ") if key[1] else 0
    room = max(16, max_tokens - key_cost)

    pieces: list[list[tuple[str, str]]] = [[]]
    used = 0
    for label, text in rest:
        label_cost = count_tokens(f"{label}: ") if label else 0
        parts = [p.text for p in split_long(Block(text=text), count_tokens, max(8, room - label_cost))]
        for part in parts:
            cost = label_cost + count_tokens(part) + 1
            if pieces[-1] and used + cost > room:
                pieces.append([])
                used = 0
            pieces[-1].append((label, part))
            used += cost
    head = [key] if key[1] else []
    return [row_block(head + cells, block.heading, block.page) for cells in pieces if cells]


def _split_words(sentence: str, count_tokens: CountTokens, max_tokens: int) -> Iterable[str]:
    """Cut a sentence that is over budget on its own at word boundaries. WordPiece splits on
    whitespace before anything else, so a text's word pieces are the sum of its words'."""
    if count_tokens(sentence) <= max_tokens:
        yield sentence
        return
    piece: list[str] = []
    used = 0
    for word in sentence.split():
        cost = count_tokens(word)
        if piece and used + cost > max_tokens:
            yield " ".join(piece)
            piece, used = [], 0
        if cost > max_tokens:  # one "word" longer than the window: a URL or a run of symbols
            text = word
            while text and count_tokens(text) > max_tokens:  # a counter that never reaches 0 must not loop
                cut = max(1, len(text) * max_tokens // (count_tokens(text) + 1))
                yield text[:cut]
                text = text[cut:]
            word, cost = text, count_tokens(text)
        piece.append(word)
        used += cost
    if piece:
        yield " ".join(piece)


def _introduces(block: Block) -> bool:
    """The block ends by introducing what follows it: a list's lead-in ("The areas for improvement
    are:", "They include:")."""
    return not block.is_table_row and block.text.rstrip().endswith(":")


def chunk(
    doc: ParsedDocument,
    file_hash: str,
    count_tokens: CountTokens,
    max_tokens: int,
    min_words: int,
    window: int | None = None,
) -> list[Passage]:
    """Passages of `doc`, each at most `max_tokens` word pieces and, when the model's
    `window` is given, short enough that the title and heading line embedded above it
    still fit in that window."""
    count_tokens = functools.lru_cache(maxsize=8192)(count_tokens)  # each block is counted twice

    @functools.lru_cache(maxsize=None)
    def budget(heading: str) -> int:
        if window is None:
            return max_tokens
        return max(32, min(max_tokens, window - count_tokens(context_line(doc.title, heading)) - 1))

    groups: list[list[Block]] = []
    current: list[Block] = []
    current_tokens = 0

    def close() -> None:
        nonlocal current, current_tokens
        if current:
            groups.append(current)
        current, current_tokens = [], 0

    blocks = [b for original in doc.blocks for b in split_long(original, count_tokens, budget(original.heading))]
    # Words in the run of blocks that share each block's heading and page: its section.
    section_words = [0] * len(blocks)
    for i in range(len(blocks) - 1, -1, -1):
        same = i + 1 < len(blocks) and (blocks[i + 1].heading, blocks[i + 1].page) == (blocks[i].heading, blocks[i].page)
        section_words[i] = len(blocks[i].text.split()) + (section_words[i + 1] if same else 0)

    for i, block in enumerate(blocks):
        if block.is_table_row:
            close()
            groups.append([block])
            continue
        tokens = count_tokens(block.text)
        words_so_far = sum(len(b.text.split()) for b in current)
        if current and (
            block.page != current[-1].page
            or current_tokens + tokens > budget(block.heading)
            # Short sections are packed together; a section long enough to stand alone is
            # never absorbed into a short one before it, as the passage is filed under its
            # first block's heading.
            or (block.heading != current[-1].heading and max(words_so_far, section_words[i]) >= min_words)
        ):
            # A line that introduces what follows ("Among the weaknesses listed were:") goes with
            # it: a passage ending on it would quote the introduction without its items, and the
            # items' passage would hold a list no sentence says what it is.
            intro = _introduces(current[-1]) and len(current) > 1 and current[-1].page == block.page
            carried = current.pop() if intro else None
            close()
            if carried is not None:
                current.append(carried)
                current_tokens = count_tokens(carried.text) + 1
        current.append(block)
        current_tokens += tokens + 1
    close()

    passages = []
    for ordinal, group in enumerate(groups):
        first = group[0]
        text = "\n".join(b.text for b in group)
        passages.append(
            Passage(
                id=passage_id(doc.source, file_hash, ordinal, text),
                source=doc.source,
                title=doc.title,
                kind=doc.kind,
                page=first.page,
                heading=first.heading,  # a packed group is filed under its first block's heading
                text=text,
                ordinal=ordinal,
                file_hash=file_hash,
                is_table_row=first.is_table_row,
                verbatim=first.verbatim,
                authority=doc.authority,
                date=doc.date,
                grades=doc.grades,
            )
        )
    return passages
