"""Pelican plugin: the Dostyq site, every language in one run.

Pelican hands us its settings, theme and writer; the content model (dostyq.model)
reads the entries, and the modules here turn them into pages and files.
"""
from pelican import signals

from .generator import DostyqGenerator


def get_generators(pelican):
    return DostyqGenerator


def register():
    signals.get_generators.connect(get_generators)
