"""Pure policy-document parser: text -> Plan (no Django).

Entry points live in `luoshi.parsing.pipeline` (`parse_text`, `parse_file`); the command line
in `luoshi.parsing.cli`; the scorer in `luoshi.parsing.evaluate`.
"""
