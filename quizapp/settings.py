"""Settings: pydantic-settings with the `QUIZAPP_` env prefix and a TOML file in the config dir.

Precedence, highest first: explicit arguments (CLI flags), environment variables, the config
file (`config.toml` in the user's config directory, or the file QUIZAPP_CONFIG names), defaults.
Settings are loaded once and injected; handlers never read globals.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
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


# A learning step is at most a year (in minutes): a longer one overflows the scheduler's dates.
MAX_STEP_MINUTES = 525_600.0
MAX_STEPS = 20
# A list setting from the environment is JSON ("[1, 10]") or plain ("1,10", "1 10"): NoDecode
# hands the raw text to the validator below instead of pydantic-settings' JSON-only decoding.
Steps = Annotated[list[float], NoDecode, Field(max_length=MAX_STEPS)]


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

    db: str = Field("", max_length=4096)
    """The bank: a file path or SQLAlchemy URL. Empty means the default bank in the data dir."""

    spacy_model: str = Field("", max_length=200)
    """spaCy pipeline for generation. Empty means en_core_web_sm (or its PyPI redistribution)."""

    learner: str = Field("me", min_length=1, max_length=100)
    """The learner who studies by default."""

    desired_retention: float = Field(0.90, ge=0.7, le=0.99)
    """Probability of recall FSRS aims for when a card falls due (0.70-0.99)."""

    learning_steps_minutes: Steps = Field(default_factory=lambda: [1.0, 10.0])
    """Learning steps for new cards, in minutes."""

    relearning_steps_minutes: Steps = Field(default_factory=lambda: [10.0])
    """Relearning steps for forgotten cards, in minutes."""

    maximum_interval_days: int = Field(36500, ge=1, le=36500)
    """Longest interval FSRS may give, in days."""

    enable_fuzzing: bool = True
    """Spread review intervals a little so cards learned together do not fall due together."""

    new_cards_per_day: int = Field(20, ge=0, le=100_000)
    """New cards introduced per day."""

    reviews_per_day: int = Field(200, ge=0, le=1_000_000)
    """Reviews shown per day."""

    day_starts_at_hour: int = Field(4, ge=0, le=23)
    """Local hour at which a new study day starts (4 = 4 am, as in Anki)."""

    leech_threshold: int = Field(8, ge=1, le=1000)
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

    max_import_mb: int = Field(256, ge=1, le=65536)
    """Largest JSON document or Anki package `quizapp import` reads, in MiB."""

    @field_validator("learning_steps_minutes", "relearning_steps_minutes", mode="before")
    @classmethod
    def _steps_from_text(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                raise ValueError("not a list of minutes (write 1,10 or [1, 10])") from None
        return [part for part in text.replace(",", " ").split() if part]

    @field_validator("learning_steps_minutes", "relearning_steps_minutes")
    @classmethod
    def _positive_steps(cls, steps: list[float]) -> list[float]:
        if any(not 0 < step <= MAX_STEP_MINUTES for step in steps):
            raise ValueError(
                f"steps must be positive numbers of minutes, at most {MAX_STEP_MINUTES:.0f}"
            )
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
    except UnicodeDecodeError:
        raise SettingsError(f"{_config_path()}: not UTF-8 text (TOML files are UTF-8)") from None
    except OSError as error:
        raise SettingsError(f"{_config_path()}: cannot read ({error.strerror})") from None


# QUIZAPP_* variables that are not settings but are read elsewhere (the config file's path,
# the test suite's PostgreSQL server).
_NOT_SETTINGS = {"CONFIG", "TEST_PG_URL"}


def unknown_setting_warnings(environ: dict[str, str] | None = None) -> list[str]:
    """One line per unknown key in the config file or QUIZAPP_* variable, naming the closest key.

    A misspelt key ("new_card_per_day") would otherwise be ignored without a word.
    """
    known = list(Settings.model_fields)
    found: list[tuple[str, str]] = []
    path = _config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}  # load_settings reports a broken file
    found.extend((key, str(path)) for key in data if key not in known)
    for name in environ if environ is not None else os.environ:
        if name.upper().startswith("QUIZAPP_"):
            key = name[len("QUIZAPP_") :].lower()
            if key not in known and key.upper() not in _NOT_SETTINGS:
                found.append((key, f"the environment ({name})"))
    lines = []
    for key, where in found:
        closest = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean {closest[0]}?)" if closest else ""
        lines.append(f"unknown setting {key!r} in {where} is ignored{hint}")
    return lines


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
    except UnicodeDecodeError:
        raise SettingsError(f"{source}: not UTF-8 text (TOML files are UTF-8)") from None
    except OSError as error:
        raise SettingsError(f"{source}: cannot read ({error.strerror})") from None
    known = {key: value for key, value in data.items() if key in Settings.model_fields}
    try:
        return Settings.model_validate(Settings.model_construct().model_dump() | known)
    except ValidationError as error:
        first = error.errors()[0]
        raise SettingsError(f"bad setting {first['loc'][0]} in {source}: {first['msg']}") from None


def remember_learner(name: str, path: Path | None = None) -> Path:
    """Make `name` the default learner in the config file (the learner picked with `l` is the
    one studying on the next start; `--learner` and QUIZAPP_LEARNER still win for one run).
    Only that key changes: the file's other values stay, env and flags never leak in."""
    stored = file_settings(path)
    return save_settings(stored.model_copy(update={"learner": name}), path)


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
