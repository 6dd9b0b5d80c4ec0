"""The chat's own settings: where it keeps what people make with it (the feedback log, their
conversations, uploaded documents) and what an upload may be.

They live here, not in `indexer.settings.Settings`, because only the chat uses them; the
store, model and serving settings stay there, shared with the indexer. Defaults, overridden
by IA_* environment variables, overridden by CLI flags, like the indexer's.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from indexer.settings import Settings

# What the indexer reads (indexer.pipeline discovers exactly these); anything else is refused
# before a byte is written.
UPLOAD_TYPES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown")


class ChatSettings(BaseSettings):
    # "ignore": the IA_* variables of the indexer's Settings are not errors here.
    model_config = SettingsConfigDict(env_prefix="IA_", extra="ignore", validate_assignment=True)

    data_dir: Path | None = Field(
        None,
        description="Feedback log, conversations and uploads (IA_DATA_DIR); default `.data/` beside the store.",
    )
    max_upload_mb: float = Field(20.0, gt=0, le=500, description="Largest file an editor may upload (IA_MAX_UPLOAD_MB).")
    upload_types: tuple[str, ...] = Field(UPLOAD_TYPES, description="File types an editor may upload.")
    # How often the running chat looks for a changed index (its own uploads, or a shell
    # `python -m indexer` run): a stat of the store's manifest, so cheap enough every 2 s.
    reload_every_s: float = Field(2.0, gt=0, le=600)

    def folder(self, settings: Settings) -> Path:
        """The data folder: as given, else `.data/` beside the store (the working folder when
        the store is a Chroma server)."""
        if self.data_dir is not None:
            return Path(self.data_dir)
        return (Path(".") if settings.chroma_host else Path(settings.store).parent) / ".data"

    def feedback_log(self, settings: Settings) -> Path:
        return Path(settings.feedback_log) if settings.feedback_log else self.folder(settings) / "feedback.jsonl"

    def conversations_db(self, settings: Settings) -> Path:
        return self.folder(settings) / "conversations.sqlite3"

    def uploads(self, settings: Settings) -> Path:
        return self.folder(settings) / "uploads"
