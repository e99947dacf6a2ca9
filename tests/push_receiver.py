"""A local stand-in for a browser's push service: it holds a subscription's key pair, records
what the app posts and decrypts it with http_ece, as the browser would."""

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class PushReceiver:
    """Answers every push with `status` (201 by default: accepted), and a Location header when
    `location` is set (to answer with a redirect)."""

    def __init__(self, status: int = 201):
        self.status = status
        self.location: str | None = None
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.requests: list[tuple[str, dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.requests.append((self.path, headers, body))
                self.send_response(receiver.status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def subscription(self, path: str = "/push/device-1") -> dict:
        """Return the subscription a browser would post (PushSubscription.toJSON())."""
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        host, port = self.server.server_address
        return {
            "endpoint": f"http://{host}:{port}{path}",
            "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)},
        }

    def payloads(self) -> list[dict]:
        """Return every received push, decrypted and parsed."""
        return [
            json.loads(
                http_ece.decrypt(
                    body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
                )
            )
            for _, _, body in self.requests
        ]
