"""Intake: bytes -> table, header + values -> fields, normalisers, places and the role taxonomy."""
