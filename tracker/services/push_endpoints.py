"""Posting only to public push services: what a push endpoint resolves to, and a session for
sending that neither follows redirects nor connects inside the network.

The endpoint is an address a browser gave. Its host is looked up when the device subscribes
and again before each send (a name may be pointed inside the network after it was accepted),
and the connected address is checked as well (it could change between the two). All of it is
off when settings.PUSH_ALLOW_LOCAL_ENDPOINTS lets the tests' local receiver stand in.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from tracker.rules.push_input import SUBSCRIBE_AGAIN


def _public_peer(sock: socket.socket) -> socket.socket:
    # Checked on the connected socket too: between the look-up before a send and the
    # connection, the name could be pointed inside the network (DNS rebinding).
    peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%")[0])
    if not peer.is_global:
        sock.close()
        raise OSError(f"push endpoint connected to a non-public address {peer}")
    return sock


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        # Through a proxy the peer is the proxy; the look-up before the send still applies.
        return sock if self.proxy is not None else _public_peer(sock)


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        return sock if self.proxy is not None else _public_peer(sock)


class _PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("Pool", (HTTPConnectionPool,), {"ConnectionCls": _PublicHTTPConnection}),
            "https": type(
                "Pool", (HTTPSConnectionPool,), {"ConnectionCls": _PublicHTTPSConnection}
            ),
        }


class PushSession(requests.Session):
    """A session that returns a redirect as the answer instead of following it (a push service
    does not redirect, and following one would post wherever the endpoint's host says), and
    that connects only to public addresses unless local endpoints are allowed."""

    max_redirects = 0

    def __init__(self):
        super().__init__()
        if not settings.PUSH_ALLOW_LOCAL_ENDPOINTS:
            self.mount("http://", _PublicOnlyAdapter())
            self.mount("https://", _PublicOnlyAdapter())

    def request(self, *args, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(*args, **kwargs)


def endpoint_address_error(endpoint: str) -> str | None:
    """Return why the endpoint's host cannot be posted to (it resolves to no address, or to
    one that is not public), or None when every address it resolves to is public."""
    if settings.PUSH_ALLOW_LOCAL_ENDPOINTS:  # the tests' local receiver
        return None
    parts = urlsplit(endpoint)
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return f"The push address cannot be found. {SUBSCRIBE_AGAIN}"
    # An IPv6 address may carry a zone ("fe80::1%eth0"), which ipaddress does not read.
    addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found}
    if not addresses or not all(address.is_global for address in addresses):
        return f"The push address must be a public push service. {SUBSCRIBE_AGAIN}"
    return None
