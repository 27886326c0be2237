"""PURE bulletin content: the summary's plain values and the 通报 built from them. No Django."""
