"""Quantified targets in policy text: what is to be reached, how much, by when, and where."""

from luoshi.parsing.targets.extract import find_targets

__all__ = ["find_targets"]
