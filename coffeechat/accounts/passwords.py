"""A password validator for words everyone around the account knows (ASVS: context words).

Django's UserAttributeSimilarityValidator refuses a password *similar to* the whole email
address; this one refuses any password *containing* the site's name or a word of the user's
email address (its local part and domain), read through common letter swaps ("C0ff33chat").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

MIN_WORD = 4  # shorter words ("al", "uni") are too common to refuse in a passphrase
_SWAPS = str.maketrans(
    {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "|": "l"}
)
_ONES = ("i", "l")  # "1" and "!" stand for either
# Domain parts that say nothing about the person or the organization.
_GENERIC = frozenset({"www", "mail", "email", "localhost", "local", "home", "test"})


def _readings(text: str) -> list[str]:
    """The password's letters, each way its look-alike characters read."""
    swapped = text.lower().translate(_SWAPS)
    return [re.sub(r"[^a-z]", "", re.sub(r"[1!]", one, swapped)) for one in _ONES]


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z]+", text.lower()) if len(w) >= MIN_WORD]


def site_words() -> list[str]:
    """The site's name and the words of its host name (a career center's domain)."""
    host = urlsplit(getattr(settings, "SITE_URL", "")).hostname or ""
    labels = host.split(".")[:-1] if "." in host else [host]
    words = ["coffeechat", *(w for label in labels for w in _words(label))]
    words += [w.lower() for w in getattr(settings, "PASSWORD_CONTEXT_WORDS", ())]
    return [w for w in dict.fromkeys(words) if w not in _GENERIC]


def email_words(email: str) -> list[str]:
    local, _, domain = email.lower().partition("@")
    domain_labels = domain.split(".")[:-1]  # not the top-level domain (.org, .edu)
    words = _words(local) + [w for label in domain_labels for w in _words(label)]
    return [w for w in dict.fromkeys(words) if w not in _GENERIC]


class ContextWordsValidator:
    def validate(self, password: str, user: Any = None) -> None:
        readings = _readings(password)
        for word in site_words():
            if any(word in reading for reading in readings):
                raise ValidationError(
                    f"This password contains “{word}”, the name of this site: anyone trying "
                    "to guess it would start there. Choose one without it.",
                    code="password_has_site_name",
                )
        email = getattr(user, "email", "") or ""
        for word in email_words(email):
            if any(word in reading for reading in readings):
                raise ValidationError(
                    f"This password contains “{word}”, from your email address: anyone who "
                    "knows your address would try it. Choose one without it.",
                    code="password_has_email_word",
                )

    def get_help_text(self) -> str:
        return "Your password can't contain the site's name or a word of your email address."
