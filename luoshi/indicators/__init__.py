"""Indicators, targets, data values, validation rules, imports/exports and progress analytics."""
