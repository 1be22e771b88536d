"""Reading notes into terms that can be compared across people (themes, method.md 11.5 step 2).

Real notes are messy: "learn SQL", "SQL is a must", "sql!!", "Take a SQL course", accents typed
or not, several languages. A note is folded (lower case, diacritics and ligatures removed),
cut into clauses at punctuation and line breaks, and into words. Function words of the note's
language and the filler of career talk (`words.py`) are dropped; the rest are stemmed with the
Snowball stemmer of the note's language (so "courses" and "course" meet). The terms of a clause
are its two-word phrases (neighbours, with at most one function word between them:
"storytelling with data"), the phrase's words in alphabetical order so "data storytelling" is
the same term; and its single words, but only in a short item (a quick capture of at most
SHORT_ITEM words that count: "Take a SQL course") or when the word is a known skill or tool
(`words.SKILLS`). In a long note any single word is shared by chance ("plus", "page", "three").

Names are read separately, before words: an organization or person of the user's network
named in the note (whole words, case and diacritics ignored) is a term of its own
("org:12", "person:7"), and its words are not read again as words.

Thresholds (why these numbers):
- a word counts from 3 letters; 2-letter words only when written in capitals (UX, BI, AI);
- typos: two stems are the same word only when one is the other with one letter added,
  dropped or two neighbours swapped, both have 5 letters or more and start with the same
  letter ("tableu"/"tableau", "pyhton"/"python"); a changed letter never counts, since
  "course"/"source" and "contract"/"contrast" are different words (see `one_slip_apart`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import OSA, Indel

from coffeechat.lib.stemming import stemmer
from coffeechat.strategy.words import (
    BROAD_STEMMED,
    GENERIC_STEMMED,
    GENERIC_WORDS,
    IDIOMS,
    LANGUAGES,
    LEGAL,
    SKILLS,
    STOPWORDS,
)

WORD = re.compile(r"[^\W_](?:[\w+#]*[\w+#])?")
CLAUSE = re.compile(r"[.!?;:()\[\]{}\"“”«»•|/\\]+\s*|\s+[-–—]\s+|\n+|,\s+(?=\S)")
UNFOLDED = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
        "ß": "ss",
    }
)
MIN_LETTERS = 3
MIN_SLIP_LETTERS = 5
MAX_PHRASE_GAP = 1  # function words allowed between the two words of a phrase
SHORT_ITEM = 8  # words that count, at most, for single words to be terms
EXCERPT = 280
ALWAYS = "english"  # English function words are dropped whatever the note's language


def fold(text: str) -> str:
    """Lower case without diacritics: "Données" -> "donnees", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNFOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalized(text: str) -> str:
    """A key for "the same text": folded, words only, single spaces ("SQL!!" -> "sql")."""
    return " ".join(WORD.findall(fold(text)))


@dataclass(frozen=True)
class Word:
    surface: str  # as written
    folded: str
    start: int  # offsets in the clause
    end: int


@lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    return fold(word)


def words_of(clause: str) -> list[Word]:
    return [Word(m[0], _fold_word(m[0]), m.start(), m.end()) for m in WORD.finditer(clause)]


def clauses(text: str) -> list[str]:
    return [part.strip() for part in CLAUSE.split(text) if part and part.strip()]


def language_of(folded_words: Iterable[str]) -> str:
    """The language whose function words the note uses most (English on a tie or none)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in folded_words:
        for language in LANGUAGES_OF.get(word, ()):
            counts[language] += 1
    best = max(LANGUAGES, key=lambda lang: (counts[lang], lang == ALWAYS))
    return best if counts[best] else ALWAYS


LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _language in LANGUAGES:
    for _word in STOPWORDS[_language]:
        LANGUAGES_OF[_word] = (*LANGUAGES_OF.get(_word, ()), _language)


@cache
def stem(folded: str, language: str = ALWAYS) -> str:
    if not folded.isalpha():  # c++, c#, 3d, python3: keep as they are
        return folded
    return stemmer(language).stemWord(folded)


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_STEMMED)
BROAD_STEMS = frozenset(stem(w) for w in BROAD_STEMMED) - GENERIC_STEMS
SKILL_STEMS = frozenset(stem(w) for w in SKILLS)


def is_stopword(word: Word, language: str) -> bool:
    if word.surface.isupper() and len(word.surface) <= 5:
        return False  # an acronym (IT, MIT, AI) is never a function word
    return word.folded in STOPWORDS[language] or word.folded in STOPWORDS[ALWAYS]


def is_word(word: Word) -> bool:
    """Long enough and made of letters to be a term (numbers and initials are not)."""
    letters = sum(c.isalpha() for c in word.folded)
    if letters == 0 or letters < MIN_LETTERS and not word.folded.isalpha():
        return False  # numbers, and "Q3", "H1", "20min"
    if len(word.folded) >= MIN_LETTERS:
        return True
    return len(word.folded) == 2 and word.surface.isupper()


@dataclass(frozen=True)
class Term:
    key: str  # "sql", "data storytel", "org:12"
    label: str  # as written in the note: "SQL", "storytelling with data"
    excerpt: str  # the clause it was said in


@dataclass(frozen=True)
class Content:
    stem: str
    word: Word
    generic: bool  # filler: in no term
    broad: bool  # in a phrase only
    gap: int  # function words skipped since the previous content word


def _content(words: list[Word], language: str, taken: set[int]) -> Iterator[Content]:
    gap = 0
    for index, word in enumerate(words):
        if index in taken:
            gap = MAX_PHRASE_GAP + 1  # a name breaks a phrase
            continue
        if is_stopword(word, language) or not is_word(word):
            gap += 1
            continue
        acronym = word.surface.isupper() and len(word.folded) <= 5
        stemmed = word.folded if acronym else stem(word.folded, language)
        generic = stemmed in GENERIC_STEMS or word.folded in GENERIC_WORDS
        yield Content(stemmed, word, generic, stemmed in BROAD_STEMS, gap)
        gap = 0


def terms_of(text: str, names: Names | None = None) -> list[Term]:
    """Every term of a note, once each (the first clause it appears in is its excerpt)."""
    found: dict[str, Term] = {}
    parts = [(clause, words_of(clause)) for clause in clauses(text)]
    language = language_of(w.folded for _, words in parts for w in words)
    counted = sum(
        1
        for _, words in parts
        for c in _content(words, language, set())
        if not c.generic and not c.broad
    )
    single_words = counted <= SHORT_ITEM
    for clause, words in parts:
        excerpt = clause[:EXCERPT]
        taken = _idioms(words)
        if names is not None:
            for key, label, span in names.find(words):
                found.setdefault(key, Term(key, label, excerpt))
                taken.update(span)
        previous: Content | None = None
        for content in _content(words, language, taken):
            if (
                not content.generic
                and not content.broad
                and (single_words or content.stem in SKILL_STEMS)
            ):
                found.setdefault(content.stem, Term(content.stem, content.word.surface, excerpt))
            if previous is not None and content.gap <= MAX_PHRASE_GAP:
                phrase = _phrase(previous, content, clause)
                if phrase is not None:
                    found.setdefault(phrase.key, Term(phrase.key, phrase.label, excerpt))
            previous = content
    return list(found.values())


def _idioms(words: list[Word]) -> set[int]:
    """Positions of figures of speech ("of course"): their words are no term."""
    taken: set[int] = set()
    for index in range(len(words) - 1):
        if (words[index].folded, words[index + 1].folded) in IDIOMS:
            taken.update((index, index + 1))
    return taken


def _phrase(first: Content, second: Content, clause: str) -> Term | None:
    if first.generic or second.generic or first.broad and second.broad:
        return None
    if first.stem == second.stem:
        return None
    key = " ".join(sorted((first.stem, second.stem)))
    return Term(key, clause[first.word.start : second.word.end], "")


# Names of the user's network ----------------------------------------------------------------------

MAX_NAME_WORDS = 8


class Names:
    """The organizations and people of the user's network, found in notes by their words.

    An organization is also found without its legal form ("Brightwater" for "Brightwater
    Inc."). A one-word name that is an ordinary word ("Target", "Data") is left out: it would be
    found in every note that uses the word.
    """

    def __init__(self) -> None:
        self._by_words: dict[tuple[str, ...], tuple[str, str]] = {}
        self.longest = 0

    def add(self, key: str, name: str, *, person: bool = False) -> None:
        words = tuple(w.folded for w in words_of(name))
        variants = {words}
        if not person:
            core = words
            while len(core) > 1 and core[-1] in LEGAL:
                core = core[:-1]
            variants.add(core)
        elif len(words) < 2:
            return  # a first name alone could be anyone
        for variant in variants:
            if variant and self._distinct(variant):
                self._by_words.setdefault(variant, (key, name))
                self.longest = max(self.longest, min(len(variant), MAX_NAME_WORDS))

    @staticmethod
    def _distinct(words: tuple[str, ...]) -> bool:
        if len(words) > 1:
            return True
        [word] = words
        stemmed = stem(word)
        plain = (
            word in STOPWORDS[ALWAYS]
            or word in GENERIC_WORDS
            or stemmed in GENERIC_STEMS
            or stemmed in BROAD_STEMS
            or stemmed in SKILL_STEMS
        )
        return len(word) >= MIN_LETTERS and not plain

    def find(self, words: list[Word]) -> Iterator[tuple[str, str, range]]:
        """(key, name, word positions) of each name in the clause, longest match first."""
        folded = [w.folded for w in words]
        index = 0
        while index < len(words):
            for size in range(min(self.longest, len(words) - index), 0, -1):
                hit = self._by_words.get(tuple(folded[index : index + size]))
                if hit is not None:
                    yield hit[0], hit[1], range(index, index + size)
                    index += size
                    break
            else:
                index += 1

    def __bool__(self) -> bool:
        return bool(self._by_words)


# Typos --------------------------------------------------------------------------------------------


def one_slip_apart(a: str, b: str) -> bool:
    """One letter added or dropped, or two neighbours swapped; never a changed letter.

    Both words have at least 5 letters and the same first letter (see the module doc).
    """
    if a == b or min(len(a), len(b)) < MIN_SLIP_LETTERS or a[0] != b[0]:
        return False
    if abs(len(a) - len(b)) == 1:
        return Indel.distance(a, b) == 1
    if len(a) == len(b):
        swapped = OSA.distance(a, b) == 1
        return swapped and sum(x != y for x, y in zip(a, b, strict=True)) == 2
    return False


def deletions(word: str) -> set[str]:
    """The word with each one letter left out (an index key for one-slip neighbours)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
