"""Keep bearer tokens in URL paths out of the logs.

A share link's token (/shared/<token>/) and a calendar feed's (/calendar/<token>.ics) are in
their paths, and Django writes paths to the log: the development server every request, the
request logger every 404 or 405. Each token is the only key to a patient's records, so every
log line is written with it hidden.
"""

import logging
import re

# A line already hidden is left alone: the development server configures logging twice (once
# for the command, once for its WSGI application), so each logger holds the filter twice.
TOKEN_PATHS = [
    (re.compile(r"/shared/(?!\[token hidden\])[^/\s\"'?#]+"), "/shared/[token hidden]"),
    (
        re.compile(r"/calendar/(?!\[token hidden\])[^/\s\"'?#]+\.ics"),
        "/calendar/[token hidden].ics",
    ),
]


def hide_tokens(text: str) -> str:
    """Return the text with the token of any share-link or calendar-feed path replaced."""
    for pattern, hidden in TOKEN_PATHS:
        text = pattern.sub(hidden, text)
    return text


class HideTokens(logging.Filter):
    """A handler filter: the message is formatted here, with the tokens hidden, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/shared/" in message or "/calendar/" in message:
            record.msg, record.args = hide_tokens(message), ()
        return True
