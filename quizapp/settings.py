"""Settings: pydantic-settings with the `QUIZAPP_` env prefix and a TOML file in the config dir.

Precedence, highest first: explicit arguments (CLI flags), environment variables, the config
file (`config.toml` in the user's config directory, or the file QUIZAPP_CONFIG names), defaults.
Settings are loaded once and injected; handlers never read globals.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from question_bank.errors import QuestionBankError
from quizapp import paths

StudyMode = Literal["flip", "type", "choice"]
"""How a card is answered: flip it and grade, type the answer, or pick an option."""
STUDY_MODES: tuple[StudyMode, ...] = get_args(StudyMode)


class SettingsError(QuestionBankError):
    """The config file or an environment variable holds a bad value."""


def _config_path() -> Path:
    override = os.environ.get("QUIZAPP_CONFIG")
    return Path(override) if override else paths.config_file()


class Settings(BaseSettings):
    """Every setting quizapp has; each field's docstring is shown in the settings screen."""

    model_config = SettingsConfigDict(
        env_prefix="QUIZAPP_",
        extra="ignore",
        validate_assignment=True,
        use_attribute_docstrings=True,
    )

    db: str = ""
    """The bank: a file path or SQLAlchemy URL. Empty means the default bank in the data dir."""

    spacy_model: str = ""
    """spaCy pipeline for generation. Empty means en_core_web_sm (or its PyPI redistribution)."""

    learner: str = "me"
    """The learner who studies by default."""

    desired_retention: float = Field(0.90, ge=0.7, le=0.99)
    """Probability of recall FSRS aims for when a card falls due (0.70-0.99)."""

    learning_steps_minutes: list[float] = Field(default_factory=lambda: [1.0, 10.0])
    """Learning steps for new cards, in minutes."""

    relearning_steps_minutes: list[float] = Field(default_factory=lambda: [10.0])
    """Relearning steps for forgotten cards, in minutes."""

    maximum_interval_days: int = Field(36500, ge=1)
    """Longest interval FSRS may give, in days."""

    enable_fuzzing: bool = True
    """Spread review intervals a little so cards learned together do not fall due together."""

    new_cards_per_day: int = Field(20, ge=0)
    """New cards introduced per day."""

    reviews_per_day: int = Field(200, ge=0)
    """Reviews shown per day."""

    day_starts_at_hour: int = Field(4, ge=0, le=23)
    """Local hour at which a new study day starts (4 = 4 am, as in Anki)."""

    leech_threshold: int = Field(8, ge=1)
    """Lapses after which a card is a leech: tagged and suspended."""

    leech_suspend: bool = True
    """Suspend a card when it becomes a leech (otherwise only tag it)."""

    study_mode: StudyMode = "flip"
    """How cards are answered by default: flip (self-graded), type, or choice."""

    max_article_mb: int = Field(32, ge=1, le=4096)
    """Largest article quizapp reads, in MB: a file, a download, pasted text, an e-book unpacked."""

    quiz_speed_bonus: bool = False
    """Quiz night: an extra half point for a correct answer in the first third of the timer."""

    quiz_double_final: bool = False
    """Quiz night: the last round is double or nothing."""

    quiz_timer_seconds: int = Field(30, ge=5, le=600)
    """Quiz night: seconds per question."""

    @field_validator("learning_steps_minutes", "relearning_steps_minutes")
    @classmethod
    def _positive_steps(cls, steps: list[float]) -> list[float]:
        if any(step <= 0 for step in steps):
            raise ValueError("steps must be positive numbers of minutes")
        return steps

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=_config_path()),
        )

    def bank_location(self) -> str:
        """The bank's URL or path, with the default bank filled in."""
        return self.db or str(paths.default_bank_path())


def load_settings(**overrides: Any) -> Settings:
    """Load settings; a bad config file or env value becomes a one-line SettingsError."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**clean)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise SettingsError(
            f"bad setting {field}: {first['msg']} (in {_config_path()} or env)"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{_config_path()}: not valid TOML ({error})") from None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings that differ from the defaults to the TOML config file."""
    target = path or _config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    defaults = Settings.model_construct()
    lines = ["# quizapp settings: the settings screen (`,` on home) describes every key"]
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value != getattr(defaults, name, None):
            lines.append(f"{name} = {_toml_value(value)}")
    temporary = target.with_suffix(".toml.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(target)  # atomic: a crash never leaves a half-written config
    return target


def file_settings(path: Path | None = None) -> Settings:
    """The settings as the config file alone sets them: no environment, no command-line flags.

    What the settings screen saves starts from this, so a one-off `--db` or `QUIZAPP_*` value
    never becomes permanent.
    """
    source = path or _config_path()
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8")) if source.exists() else {}
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{source}: not valid TOML ({error})") from None
    known = {key: value for key, value in data.items() if key in Settings.model_fields}
    try:
        return Settings.model_validate(Settings.model_construct().model_dump() | known)
    except ValidationError as error:
        first = error.errors()[0]
        raise SettingsError(f"bad setting {first['loc'][0]} in {source}: {first['msg']}") from None


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def field_help() -> dict[str, str]:
    """Each setting's docstring, for the settings screen."""
    return {name: info.description or "" for name, info in Settings.model_fields.items()}
