# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Small helpers shared by the models and controllers: tokens and addresses."""

import hashlib
import re

from odoo.tools import email_normalize

# what secrets.token_urlsafe(32) issues: 43 characters of the URL-safe alphabet
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
EMAIL_ADDRESS = re.compile(
    r"(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)"
    r"@(?=.{4,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def hash_token(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


def is_token(token):
    """Whether ``token`` has the form of a token we issue (checked before any
    query and before it is rendered anywhere)."""
    return isinstance(token, str) and bool(TOKEN_PATTERN.fullmatch(token))


def valid_email(email):
    """The normalised address when ``email`` is one mailbox (``x@@y``, ``@y``
    and addresses without a domain name are not), else False."""
    normalized = (email_normalize(email or "") or "").rstrip(".")
    return normalized if normalized and EMAIL_ADDRESS.fullmatch(normalized) else False
