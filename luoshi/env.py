"""Typed readers for environment variables; .env.example lists every variable."""

import os
from pathlib import Path


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a .env file into os.environ without overriding it."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def env_str(name: str, default: str) -> str:
    """Return the variable as text, or the default when unset or empty."""
    value = os.environ.get(name, "")
    return value if value else default


def env_bool(name: str, *, default: bool) -> bool:
    """Return the variable as a boolean (1/true/yes/on are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer, or the default when unset."""
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
