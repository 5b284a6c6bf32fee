"""Détente: a terminal crisis-diplomacy game whose scenarios instructors write in YAML."""

__version__ = "0.1.0"
