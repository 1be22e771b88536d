"""Encryption at rest for secrets users give us (SMTP/IMAP passwords, AI keys).

The key is derived from SECRET_KEY with HKDF, so there is nothing more to configure. Rotating
SECRET_KEY makes stored secrets unreadable: users are then asked to enter them again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_INFO = b"coffeechat secrets at rest v1"


class SecretUnreadable(Exception):
    """A stored secret can't be decrypted (SECRET_KEY changed, or the value was tampered with)."""


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(plaintext: str) -> str:
    """Ciphertext for storage; the empty string stays empty (no secret set)."""
    if not plaintext:
        return ""
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    if not ciphertext:
        return ""
    try:
        return _fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("The stored secret can't be read; please enter it again.") from None
