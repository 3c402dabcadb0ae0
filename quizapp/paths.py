"""Where quizapp's files live: the default bank, the config file, the bundled seed articles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "quizapp"


def data_dir() -> Path:
    """The user's data directory for quizapp (holds the default bank)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config directory for quizapp (holds config.toml)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_bank_path() -> Path:
    return data_dir() / "bank.sqlite"


def seeds_dir() -> Path:
    """The bundled seed articles: inside the installed package, or `seeds/` in a source tree."""
    packaged = Path(str(resources.files("quizapp"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def seed_articles() -> list[Path]:
    folder = seeds_dir()
    return (
        sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md"))
        if folder.is_dir()
        else []
    )
