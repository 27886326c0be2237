"""The unit registry: canonical unit names with their aliases, read from JSON files.

A file holds `{"name", "source", "units": [{"name", "full_name", "kind", "region",
"aliases", "successor", "members"}]}`. Names match after folding (full/half width,
traditional -> simplified, no whitespace); a province prefix written out (甘肃省发展改革委,
中共甘肃省委宣传部) also matches the short 省 form. Short-name pairs such as 发改委 and
发展改革委 come from the files' aliases, never from code.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from luoshi.parsing.normalize import squeeze

KINDS = frozenset({"department", "government", "enterprise", "central", "collective", "other"})
_PROVINCE_PREFIX = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,3}?(省委|省)(?=[\u4e00-\u9fff]{2})")
_STATE_PREFIX = "中华人民共和国"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "unit_registry"


class RegistryError(ValueError):
    """A registry file is missing, unreadable or not in the registry format."""


@dataclass(frozen=True)
class RegistryUnit:
    """One unit as the registry knows it."""

    name: str
    full_name: str | None = None
    kind: str = "other"
    region: str | None = None
    aliases: tuple[str, ...] = ()
    successor: str | None = None
    members: tuple[str, ...] | None = None


@dataclass(frozen=True)
class UnitRegistry:
    """Units from one or more registry files, indexed by their folded names."""

    name: str
    units: tuple[RegistryUnit, ...] = ()
    index: Mapping[str, RegistryUnit] = field(default_factory=lambda: MappingProxyType({}))

    def find(self, name: str) -> RegistryUnit | None:
        """Return the registry unit a name as written refers to, or None."""
        key = squeeze(name)
        if key.startswith(_STATE_PREFIX) and len(key) > len(_STATE_PREFIX) + 1:
            key = key[len(_STATE_PREFIX) :]
        found = self.index.get(key)
        if found is None:
            short = _PROVINCE_PREFIX.sub(r"\1", key, count=1)
            found = self.index.get(short) if short != key else None
        return found

    def canonical(self, name: str) -> str | None:
        """Return the canonical name of a unit as written, or None when unknown."""
        found = self.find(name)
        return found.name if found is not None else None


def build_registry(name: str, units: Iterable[RegistryUnit]) -> UnitRegistry:
    """Return a registry of the units; an earlier unit wins a name both claim."""
    kept = tuple(units)
    index: dict[str, RegistryUnit] = {}
    for unit in kept:
        for alias in (unit.name, unit.full_name, *unit.aliases):
            if alias:
                index.setdefault(squeeze(alias), unit)
    return UnitRegistry(name=name, units=kept, index=MappingProxyType(index))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegistryError(f"{where}: expected a list of strings")
    return tuple(value)


def _optional_str(value: Any, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise RegistryError(f"{where}: expected a string or null")
    return value


def registry_from_dict(data: Any, source: str = "registry") -> UnitRegistry:
    """Return the registry described by parsed registry JSON."""
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise RegistryError(f"{source}: expected an object with a 'units' list")
    units: list[RegistryUnit] = []
    for number, item in enumerate(data["units"], start=1):
        where = f"{source}: unit {number}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise RegistryError(f"{where}: expected an object with a 'name'")
        kind = item.get("kind") or "other"
        if kind not in KINDS:
            raise RegistryError(f"{where}: unknown kind {kind!r}")
        members = item.get("members")
        units.append(
            RegistryUnit(
                name=item["name"],
                full_name=_optional_str(item.get("full_name"), where),
                kind=kind,
                region=_optional_str(item.get("region"), where),
                aliases=_strings(item.get("aliases"), where),
                successor=_optional_str(item.get("successor"), where),
                members=None if members is None else _strings(members, where),
            )
        )
    return build_registry(str(data.get("name") or source), units)


def load_registry(paths: Iterable[Path]) -> UnitRegistry:
    """Return one registry merged from the JSON files, in the order given."""
    parts: list[UnitRegistry] = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError as error:
            raise RegistryError(f"{path}: file not found") from error
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RegistryError(f"{path}: {error}") from error
        parts.append(registry_from_dict(data, str(path)))
    names = "+".join(part.name for part in parts)
    return build_registry(names, (unit for part in parts for unit in part.units))


def default_registry_paths(directory: Path = DEFAULT_DIR) -> list[Path]:
    """Return every registry file shipped in luoshi/data/unit_registry, sorted by name."""
    return sorted(directory.glob("*.json")) if directory.is_dir() else []
