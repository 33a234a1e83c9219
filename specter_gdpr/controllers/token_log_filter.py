# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The links e-mailed to requesters carry a token in their path (a mail
client opens them with GET). The server's access log would keep it in plain
text, and a download token works for as long as the export is kept: the
``werkzeug`` logger, which writes that log, gets the token replaced."""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/gdpr/+(?:confirm|download|verify)/+)[^\s?\"/]+")
TOKEN_IN_QUERY = re.compile(r"([?&]token=)[^&\s\"]+")


def redact_tokens(text):
    return TOKEN_IN_QUERY.sub(r"\1[token]", TOKEN_IN_PATH.sub(r"\1[token]", text))


class TokenLogFilter(logging.Filter):
    def filter(self, record):
        if isinstance(record.msg, str) and (
            "/gdpr/" in record.getMessage() or "token=" in record.getMessage()
        ):
            record.msg = redact_tokens(record.getMessage())
            record.args = ()
        return True


def install():
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(existing, TokenLogFilter) for existing in logger.filters):
        logger.addFilter(TokenLogFilter())
