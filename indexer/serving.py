"""What the chat and `ask` read at question time: one *generation* of files the indexer writes
beside the store on every run, memory-mapped by readers, so starting costs the same at 300
passages as at 300,000 and a question costs one encode plus arithmetic.

Chroma stays the store of record (what the indexer writes first, and what a generation can
always be rebuilt from). A generation is a folder of plain files:

    meta.json          generation number, model, counts, and the manifest it was built from
    docs.json          one entry per document (the file manifest's fields) with its rows
    ids.npy, id_order.npy, doc.npy      passage ids (sorted lookup) and each row's document
    text.bin, text_offsets.npy          each passage's own fields as one JSON record, by row
    vectors.npy        passage vectors, float32 (searched exactly, a matrix product)
    sent_*.npy         the vectors of every quotable piece (indexer.quotable) of every passage,
                       float16 (read a few rows at a time, never multiplied in bulk), with a
                       64-bit key of each piece's text and each passage's range of pieces
    bm25/              the keyword index (bm25s, saved without its corpus; loaded mmapped)
    terms.json         document frequency of each word (IDF) and the speller's word counts
    records.json       the merged inspection records (indexer.records)

Generations live in `<serving dir>/gen-NNNNNN/`; `CURRENT` names the live one and is replaced
atomically (write, fsync, rename) only after the whole folder is written. A run killed at any
point leaves the previous generation live; the next run notices every file whose stored
version differs from the generation's and reads those back from Chroma. A running chat polls
`CURRENT` and swaps to a new generation between questions; the previous one is kept (a
question in flight may still read it) and older ones are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from indexer.quotable import pieces_of
from indexer.types import DocKind, FileRecord, Passage
from indexer.words import speller_words, terms

log = logging.getLogger(__name__)

FORMAT = 1
CURRENT = "CURRENT"
KEEP_GENERATIONS = 2
# The keyword index's tokenisation: llama-index's BM25Retriever defaults, which the retriever
# used before the index was written here (English stopwords and stemmer, words of 2+ characters).
BM25_STOPWORDS = "en"
BM25_TOKEN_PATTERN = r"(?u)\b\w\w+\b"

Encode = Callable[[list[str]], np.ndarray]


def bm25_text(p: Passage) -> str:
    """What the keyword index reads of a passage: its title and heading with its text (as
    llama-index's node content for it was)."""
    return f"{p.title}\n{p.heading}\n{p.text}"


def piece_texts(p: Passage) -> list[str]:
    """The texts whose vectors the answerer compares with a question: each quotable piece's."""
    return list(dict.fromkeys(piece.text for piece in pieces_of(p)))


def text_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def serving_dir(settings) -> Path:
    """Where generations live: IA_SERVING_DIR, else `serving/` inside the folder store. With a
    Chroma server, point every chat process and the indexer at one shared folder."""
    return Path(settings.serving_dir) if settings.serving_dir else Path(settings.store) / "serving"


def manifest_digest(records: Iterable[FileRecord]) -> str:
    """What a generation was built from: each indexed file's bytes and fingerprint."""
    digest = hashlib.sha256()
    for r in sorted(records, key=lambda r: r.source):
        if r.state == "indexed":
            digest.update(f"{r.source}\0{r.sha256}\0{r.fingerprint}\0{r.passages}\n".encode())
    return digest.hexdigest()


def _row_record(p: Passage) -> bytes:
    return json.dumps(
        {
            "id": p.id, "page": p.page or 0, "heading": p.heading, "text": p.text, "ordinal": p.ordinal,
            "hash": p.file_hash, "table": p.is_table_row, "verbatim": p.verbatim or "",
        },
        ensure_ascii=False,
    ).encode()


_RECORD_FIELDS = {f.name for f in fields(FileRecord)}


# --- reading ------------------------------------------------------------------------------


class ServingIndex:
    """One generation, mapped. Opening it reads two small JSON files; arrays are mapped, not
    read, so a process's memory grows only with what its questions touch."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("format") != FORMAT:
            raise ValueError(f"{self.folder}: written by another version (format {self.meta.get('format')})")
        self.generation = int(self.meta["generation"])
        docs = json.loads((self.folder / "docs.json").read_text(encoding="utf-8"))
        self.documents: list[FileRecord] = [FileRecord(**{k: v for k, v in d.items() if k in _RECORD_FIELDS}) for d in docs]
        self.doc_first = np.array([d["first"] for d in docs], dtype=np.int64)
        self.doc_count = np.array([d["count"] for d in docs], dtype=np.int64)
        self._doc_by_source = {d.source: i for i, d in enumerate(self.documents)}
        self.n = int(self.meta["passages"])
        load = lambda name: _load(self.folder / name)  # noqa: E731
        self.doc_of_row = load("doc.npy")
        self.ids = load("ids.npy")
        self.id_order = load("id_order.npy")
        self.text_offsets = load("text_offsets.npy")
        self.vectors = load("vectors.npy")
        self.sent_offsets = load("sent_offsets.npy")
        self.sent_keys = load("sent_keys.npy")
        self.sent_vectors = load("sent_vectors.npy")
        size = (self.folder / "text.bin").stat().st_size
        with open(self.folder / "text.bin", "rb") as fh:
            self._text = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        # Per document, as a small array: what the council scope is computed from.
        self.doc_authority = np.array([d.authority for d in self.documents], dtype=object)

    # --- finding the live generation -------------------------------------------------------

    @staticmethod
    def current_name(root: Path) -> str:
        try:
            return (Path(root) / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    @classmethod
    def open_current(cls, root: Path) -> "ServingIndex | None":
        name = cls.current_name(root)
        if not name:
            return None
        try:
            return cls(Path(root) / name)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("the serving index %s cannot be read (%s)", Path(root) / name, exc)
            return None

    # --- passages --------------------------------------------------------------------------

    @property
    def embedding_model(self) -> str:
        return str(self.meta.get("embedding_model", ""))

    def passage(self, row: int) -> Passage:
        start, end = int(self.text_offsets[row]), int(self.text_offsets[row + 1])
        r = json.loads(self._text[start:end].decode())
        d = self.documents[int(self.doc_of_row[row])]
        return Passage(
            id=r["id"], source=d.source, title=d.title, kind=DocKind(d.kind or DocKind.OTHER.value),
            page=r["page"] or None, heading=r["heading"], text=r["text"], ordinal=r["ordinal"],
            file_hash=r["hash"], is_table_row=r["table"], verbatim=r["verbatim"] or None,
            authority=d.authority, date=d.date,
            grades=tuple(json.loads(d.grades).items()) if d.grades else (),
            inspection_years=self.inspection_years.get(d.source, ()),
        )

    @cached_property
    def inspection_years(self) -> dict[str, tuple[int, ...]]:
        """Per document, the years of the inspection it is about: the fieldwork and publication
        years (and `year`) of the inspection record its file was merged into
        (`indexer.records.merge`, which groups files by the inspection's stated dates or the year
        their opening says the inspection was, not by any year they mention in passing). Read
        once from the records this generation was published with."""
        payload = self.records_payload()
        if not payload:
            return {}
        try:
            records = json.loads(payload)["records"]
        except (ValueError, KeyError, TypeError):
            return {}
        found: dict[str, set[int]] = {}
        for record in records:
            years = {int(f["value"][:4]) for f in (record.get(k) for k in ("fieldwork_start", "fieldwork_end", "published"))
                     if f and str(f.get("value", ""))[:4].isdigit()}
            if record.get("year"):
                years.add(int(record["year"]))
            for source in record.get("sources") or ():
                found.setdefault(source, set()).update(years)
        return {s: tuple(sorted(y)) for s, y in found.items() if y}

    def row_of(self, passage_id: str) -> int | None:
        if not self.n:
            return None
        key = passage_id.encode()
        at = int(np.searchsorted(self.ids, key, sorter=self.id_order))
        if at < self.n:
            row = int(self.id_order[at])
            if self.ids[row] == key:
                return row
        return None

    def doc_index(self, source: str) -> int | None:
        return self._doc_by_source.get(source)

    def rows_of(self, source: str) -> range:
        i = self._doc_by_source.get(source)
        if i is None:
            return range(0)
        return range(int(self.doc_first[i]), int(self.doc_first[i] + self.doc_count[i]))

    def row_mask(self, doc_mask: np.ndarray) -> np.ndarray:
        """A per-passage mask from a per-document one, vectorised: no loop over passages."""
        if not self.n:
            return np.zeros(0, dtype=bool)
        return np.asarray(doc_mask, dtype=bool)[self.doc_of_row]

    def piece_vectors(self, row: int, texts: list[str]) -> list[np.ndarray | None]:
        """The stored vectors of these pieces of passage `row` (float32), None where a text is
        not among the pieces the indexer found (a store written by an older version)."""
        start, end = int(self.sent_offsets[row]), int(self.sent_offsets[row + 1])
        keys = {int(k): start + i for i, k in enumerate(self.sent_keys[start:end])}
        out: list[np.ndarray | None] = []
        for t in texts:
            at = keys.get(text_key(t))
            out.append(None if at is None else np.asarray(self.sent_vectors[at], dtype=np.float32))
        return out

    # --- keyword index and word counts -------------------------------------------------------

    @cached_property
    def bm25(self):
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        return bm25s.BM25.load(str(self.folder / "bm25"), mmap=True, load_corpus=False)

    @cached_property
    def word_counts(self) -> dict:
        return json.loads((self.folder / "terms.json").read_text(encoding="utf-8"))

    def records_payload(self) -> str:
        path = self.folder / "records.json"
        return path.read_text(encoding="utf-8") if path.exists() else ""


# --- writing ------------------------------------------------------------------------------


@dataclass
class _NewDoc:
    rows: list[int]  # indexes into the builder's new rows


class GenerationBuilder:
    """Collects the passages an index run writes (with their vectors and their pieces'
    vectors) in temporary files, then `finish` assembles the next generation from them and
    from the previous generation's rows of every unchanged file."""

    def __init__(self, root: Path, previous: ServingIndex | None, model: str, dimension: int) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        for stale in self.root.glob(".building-*"):  # a killed run's (the writer lock makes us the only writer)
            shutil.rmtree(stale, ignore_errors=True)
        self.tmp = self.root / f".building-{os.getpid()}-{time.time_ns()}"
        self.tmp.mkdir()
        self.previous = previous
        self.model, self.dimension = model, dimension
        self._text = open(self.tmp / "new-text.bin", "wb")
        self._vectors = open(self.tmp / "new-vectors.f32", "wb")
        self._pieces = open(self.tmp / "new-pieces.f16", "wb")
        self._text_offsets = [0]
        self._piece_offsets = [0]
        self._piece_keys: list[int] = []
        self._rows: list[Passage] = []
        self.new_docs: dict[str, _NewDoc] = {}
        self.pieces_encoded = 0

    # --- during the run ------------------------------------------------------------------

    def reusable_pieces(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors the previous generation already has for these piece texts (unchanged
        sentences of a changed file, a renamed file's)."""
        prev = self.previous
        if prev is None or not len(prev.sent_keys) or not texts:
            return {}
        order = self._previous_key_order
        keys = np.array([text_key(t) for t in texts], dtype=np.uint64)
        at = np.searchsorted(prev.sent_keys, keys, sorter=order).clip(max=len(order) - 1)
        rows = order[at]
        hit = prev.sent_keys[rows] == keys
        return {t: np.asarray(prev.sent_vectors[r], dtype=np.float32) for t, r, h in zip(texts, rows, hit) if h}

    @cached_property
    def _previous_key_order(self) -> np.ndarray:
        return np.argsort(self.previous.sent_keys, kind="stable")

    def add(self, passages: list[Passage], vectors: np.ndarray, piece_vectors: dict[str, np.ndarray]) -> None:
        """One batch of written passages (several files' worth) with their vectors, and the
        vectors of their pieces by text. A file added again in the same run replaces itself."""
        by_source: dict[str, list[int]] = {}
        for p, v in zip(passages, vectors):
            row = len(self._rows)
            self._rows.append(_light(p))
            record = _row_record(p)
            self._text.write(record)
            self._text_offsets.append(self._text_offsets[-1] + len(record))
            self._vectors.write(np.asarray(v, dtype=np.float32).tobytes())
            texts = piece_texts(p)
            for t in texts:
                self._pieces.write(np.asarray(piece_vectors[t], dtype=np.float16).tobytes())
                self._piece_keys.append(text_key(t))
            self._piece_offsets.append(self._piece_offsets[-1] + len(texts))
            by_source.setdefault(p.source, []).append(row)
        for source, rows in by_source.items():
            self.new_docs[source] = _NewDoc(rows)

    def encode_pieces(self, passages: list[Passage], encode: Encode, extra: list[str] = ()) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Vectors of every piece of `passages` (reused where the previous generation has
        them) and of `extra` texts (the passages' own), encoded in one call so the model's
        batches are full and sorted by length once."""
        texts = list(dict.fromkeys(t for p in passages for t in piece_texts(p)))
        found = self.reusable_pieces(texts)
        missing = [t for t in texts if t not in found]
        extra = list(extra)
        vectors = encode(extra + missing) if (extra or missing) else np.zeros((0, self.dimension), np.float32)
        found.update(zip(missing, vectors[len(extra):]))
        self.pieces_encoded += len(missing)
        return found, vectors[: len(extra)]

    # --- at the end of the run -------------------------------------------------------------

    def unchanged(self, manifest: dict[str, FileRecord], records_payload: str) -> bool:
        prev = self.previous
        return (
            prev is not None
            and not self.new_docs
            and prev.meta.get("manifest") == manifest_digest(manifest.values())
            and prev.meta.get("records") == hashlib.sha256(records_payload.encode()).hexdigest()
        )

    def finish(
        self,
        manifest: dict[str, FileRecord],
        read_back: Callable[[list[str]], Iterator[tuple[list[Passage], np.ndarray]]],
        encode: Encode,
        records_payload: str = "",
    ) -> ServingIndex:
        """Write the next generation for `manifest` (the store's, after the run) and make it
        current. Files neither written this run nor unchanged in the previous generation
        (e.g. written by a run killed before it published) are read back from the store with
        `read_back(sources)`."""
        self._text.flush(), self._vectors.flush(), self._pieces.flush()
        prev = self.previous
        indexed = sorted((r for r in manifest.values() if r.state == "indexed"), key=lambda r: r.source)
        plan: list[tuple[FileRecord, str]] = []  # (record, "new" | "old")
        missing: list[str] = []
        for r in indexed:
            if r.source in self.new_docs:
                plan.append((r, "new"))
                continue
            i = prev.doc_index(r.source) if prev else None
            d = prev.documents[i] if i is not None else None
            if d is not None and (d.sha256, d.fingerprint, d.passages) == (r.sha256, r.fingerprint, r.passages):
                plan.append((r, "old"))
            else:
                plan.append((r, "new"))
                missing.append(r.source)
        if missing:
            log.info("reading %d files back from the store for the serving index", len(missing))
            for passages, vectors in read_back(missing):
                piece_vectors, _ = self.encode_pieces(passages, encode)
                self.add(passages, vectors, piece_vectors)
        self._text.close(), self._vectors.close(), self._pieces.close()

        new_text = _map(self.tmp / "new-text.bin")
        new_vectors = _float_rows(self.tmp / "new-vectors.f32", np.float32, self.dimension)
        new_pieces = _float_rows(self.tmp / "new-pieces.f16", np.float16, self.dimension)
        text_offsets_new = np.asarray(self._text_offsets, dtype=np.int64)
        piece_offsets_new = np.asarray(self._piece_offsets, dtype=np.int64)

        # Rows in document order, each document's sorted by page and position.
        sources_rows: list[tuple[FileRecord, str, np.ndarray]] = []
        for r, where in plan:
            if where == "old":
                rows = np.arange(prev.rows_of(r.source).start, prev.rows_of(r.source).stop)
            else:
                rows = np.asarray(
                    sorted(self.new_docs.get(r.source, _NewDoc([])).rows, key=lambda i: (self._rows[i].page or 0, self._rows[i].ordinal)),
                    dtype=np.int64,
                )
            sources_rows.append((r, where, rows))
        n = sum(len(rows) for _, _, rows in sources_rows)
        offsets = {"old": prev.sent_offsets if prev else None, "new": piece_offsets_new}
        m = int(sum(int((offsets[w][rows + 1] - offsets[w][rows]).sum()) for _, w, rows in sources_rows if len(rows)))

        out = self.tmp / "gen"
        out.mkdir()
        vectors = np.lib.format.open_memmap(out / "vectors.npy", "w+", np.float32, (n, self.dimension))
        sent_vectors = np.lib.format.open_memmap(out / "sent_vectors.npy", "w+", np.float16, (m, self.dimension))
        sent_keys = np.zeros(m, dtype=np.uint64)
        sent_offsets = np.zeros(n + 1, dtype=np.int64)
        text_offsets = np.zeros(n + 1, dtype=np.int64)
        doc_of_row = np.zeros(n, dtype=np.int32)
        ids: list[bytes] = []
        docs = []
        row = piece = 0
        with open(out / "text.bin", "wb") as text_out:
            for d, (r, where, rows) in enumerate(sources_rows):
                k = len(rows)
                docs.append(asdict(r) | {"first": row, "count": k})
                doc_of_row[row : row + k] = d
                if not k:
                    continue
                if where == "old":
                    # An unchanged document's rows, texts and pieces are contiguous: copy them whole.
                    first, last = int(rows[0]), int(rows[-1]) + 1
                    vectors[row : row + k] = prev.vectors[first:last]
                    t0, t1 = int(prev.text_offsets[first]), int(prev.text_offsets[last])
                    text_out.write(prev._text[t0:t1])
                    text_offsets[row + 1 : row + k + 1] = text_offsets[row] + (prev.text_offsets[first + 1 : last + 1] - t0)
                    p0, p1 = int(prev.sent_offsets[first]), int(prev.sent_offsets[last])
                    sent_vectors[piece : piece + p1 - p0] = prev.sent_vectors[p0:p1]
                    sent_keys[piece : piece + p1 - p0] = prev.sent_keys[p0:p1]
                    sent_offsets[row + 1 : row + k + 1] = piece + (prev.sent_offsets[first + 1 : last + 1] - p0)
                    piece += p1 - p0
                    ids.extend(bytes(i) for i in prev.ids[first:last])
                else:
                    vectors[row : row + k] = new_vectors[rows]
                    for j, i in enumerate(rows):
                        a, b = int(text_offsets_new[i]), int(text_offsets_new[i + 1])
                        text_out.write(new_text[a:b])
                        text_offsets[row + j + 1] = text_offsets[row + j] + (b - a)
                        a, b = int(piece_offsets_new[i]), int(piece_offsets_new[i + 1])
                        sent_vectors[piece : piece + b - a] = new_pieces[a:b]
                        sent_keys[piece : piece + b - a] = self._piece_keys[a:b]
                        piece += b - a
                        sent_offsets[row + j + 1] = piece
                    ids.extend(self._rows[i].id.encode() for i in rows)
                row += k
        vectors.flush(), sent_vectors.flush()
        del vectors, sent_vectors
        id_array = np.array(ids, dtype="S32") if ids else np.zeros(0, dtype="S32")
        for name, array in (
            ("ids.npy", id_array), ("id_order.npy", np.argsort(id_array, kind="stable")), ("doc.npy", doc_of_row),
            ("text_offsets.npy", text_offsets), ("sent_offsets.npy", sent_offsets), ("sent_keys.npy", sent_keys),
        ):
            np.save(out / name, array)
        (out / "docs.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        (out / "records.json").write_text(records_payload, encoding="utf-8")

        # Word counts: the last generation's, less its files that changed or went, plus the
        # rows written anew (counting every passage again was most of a one-file run at 100k).
        copied = {r.source for r, where, _ in sources_rows if where == "old"}
        dropped = [i for i, d in enumerate(prev.documents) if d.source not in copied] if prev else None
        fresh = np.concatenate(
            [np.arange(docs[d]["first"], docs[d]["first"] + docs[d]["count"]) for d, (_, w, _) in enumerate(sources_rows) if w == "new"]
            or [np.zeros(0, dtype=np.int64)]
        )
        _write_words(out, [r.title for r, _, _ in sources_rows], doc_of_row, text_offsets, prev, dropped, fresh)

        meta = {
            "format": FORMAT,
            "generation": (prev.generation if prev else _last_generation(self.root)) + 1,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "embedding_model": self.model,
            "dimension": self.dimension,
            "passages": n,
            "pieces": m,
            "documents": len(docs),
            "manifest": manifest_digest(manifest.values()),
            "records": hashlib.sha256(records_payload.encode()).hexdigest(),
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        return self._publish(out, meta["generation"])

    def _publish(self, out: Path, generation: int) -> ServingIndex:
        for path in out.rglob("*"):
            if path.is_file():
                with open(path, "rb") as fh:
                    os.fsync(fh.fileno())
        name = f"gen-{generation:06d}"
        final = self.root / name
        if final.exists():
            shutil.rmtree(final)
        os.rename(out, final)
        tmp_current = self.root / f".{CURRENT}.tmp"
        with open(tmp_current, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_current, self.root / CURRENT)
        _fsync_dir(self.root)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._prune(name)
        log.info("serving index %s written", final)
        return ServingIndex(final)

    def _prune(self, current: str) -> None:
        gens = sorted(p for p in self.root.glob("gen-*") if p.is_dir())
        keep = {p.name for p in gens[-KEEP_GENERATIONS:]} | {current}
        for p in gens:
            if p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)

    def abandon(self) -> None:
        for fh in (self._text, self._vectors, self._pieces):
            fh.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _row_words(text, offsets: np.ndarray, row: int, title: str) -> tuple[set[str], list[str], str]:
    """One passage's IDF terms, speller words and keyword-index text, from a text file."""
    rec = json.loads(text[int(offsets[row]) : int(offsets[row + 1])].decode())
    heading, body = rec["heading"], rec["text"]
    # What llama-index's BM25Retriever read of a node: title, heading, text.
    return terms(_embed_text(title, heading, body)), speller_words(f"{title} {body}"), f"{title}\n{heading}\n{body}"


def _write_words(
    out: Path, titles: list[str], doc_of_row: np.ndarray, text_offsets: np.ndarray,
    prev: "ServingIndex | None" = None, dropped: list[int] | None = None, fresh: np.ndarray | None = None,
) -> None:
    """Word counts (IDF, the speller's vocabulary), then the keyword index, for the generation in
    `out`. With `prev`, counts start from its own, less its `dropped` documents' rows, plus the
    `fresh` rows; otherwise every row is counted."""
    text = _map(out / "text.bin")
    n = len(doc_of_row)
    incremental = prev is not None and dropped is not None and fresh is not None
    if incremental:
        df, spelled = Counter(prev.word_counts["df"]), Counter(prev.word_counts["words"])
        for d in dropped:
            title = prev.documents[d].title
            for row in range(int(prev.doc_first[d]), int(prev.doc_first[d] + prev.doc_count[d])):
                t, w, _ = _row_words(prev._text, prev.text_offsets, row, title)
                df.subtract(t)
                spelled.subtract(w)
        df, spelled = +df, +spelled  # drop what no passage uses any more
    else:
        df, spelled = Counter(), Counter()
    counted = set(int(r) for r in fresh) if incremental else None
    corpus: list[str] = []
    for i in range(n):
        title = titles[int(doc_of_row[i])]
        if counted is None or i in counted:
            t, w, bm25 = _row_words(text, text_offsets, i, title)
            df.update(t)
            spelled.update(w)
        else:
            rec = json.loads(text[int(text_offsets[i]) : int(text_offsets[i + 1])].decode())
            bm25 = f"{title}\n{rec['heading']}\n{rec['text']}"
        corpus.append(bm25)
    (out / "terms.json").write_text(json.dumps({"n": n, "df": df, "words": spelled}), encoding="utf-8")
    if corpus:
        _write_bm25(out / "bm25", corpus)


def _embed_text(title: str, heading: str, text: str) -> str:
    from indexer.types import context_line

    context = context_line(title, heading)
    return f"{context}\n{text}" if context else text


def _light(p: Passage) -> Passage:
    """What the builder keeps of a written passage in memory: enough to order rows."""
    return Passage(p.id, p.source, "", p.kind, p.page, "", "", p.ordinal, "")


def _load(path: Path) -> np.ndarray:
    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # an empty array: nothing to map
        return np.load(path)


def _map(path: Path):
    if path.stat().st_size == 0:
        return b""
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def _float_rows(path: Path, dtype, dimension: int) -> np.ndarray:
    if path.stat().st_size == 0:
        return np.zeros((0, dimension), dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r").reshape(-1, dimension)


def _write_bm25(folder: Path, corpus: list[str]) -> None:
    import bm25s
    import Stemmer

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    tokens = bm25s.tokenize(
        corpus or [""], stopwords=BM25_STOPWORDS, stemmer=Stemmer.Stemmer("english"),
        token_pattern=BM25_TOKEN_PATTERN, show_progress=False,
    )
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    bm25.save(str(folder))


def _last_generation(root: Path) -> int:
    numbers = [int(p.name[4:]) for p in Path(root).glob("gen-*") if p.name[4:].isdigit()]
    return max(numbers, default=0)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
