"""Keep share-link tokens out of the logs.

A share link's token is in its path (/shared/<token>/), and Django writes paths to the log: the
development server every request, the request logger every 404 or 405. The token is the only
key to a patient's page, so every log line is written with it hidden.
"""

import logging
import re

HIDDEN = "/shared/[token hidden]"
# A line already hidden is left alone: the development server configures logging twice (once
# for the command, once for its WSGI application), so each logger holds the filter twice.
SHARED_PATH = re.compile(r"/shared/(?!\[token hidden\])[^/\s\"'?#]+")


def hide_share_tokens(text: str) -> str:
    """Return the text with the token of any share-link path replaced."""
    return SHARED_PATH.sub(HIDDEN, text)


class HideShareTokens(logging.Filter):
    """A handler filter: the message is formatted here, with the token hidden, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/shared/" in message:
            record.msg, record.args = hide_share_tokens(message), ()
        return True
