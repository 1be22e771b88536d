"""Snowball stemmers, loaded on first use.

Importing snowballstemmer builds the stemmer of every language it knows (about half a second
of CPU), which every manage.py process and worker would otherwise pay at Django's set-up
because strategy and targets import this at their top.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol


class Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


@cache
def stemmer(language: str) -> Stemmer:
    """The stemmer of `language` (an English name: "english", "french", ...)."""
    import snowballstemmer

    return snowballstemmer.stemmer(language)
