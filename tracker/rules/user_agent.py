"""A short, readable name for a browser, from its User-Agent header: "Chrome on Android".

Only the browser family and the system are kept; versions and the rest of the header are
dropped, so the name identifies a device to its owner without storing a fingerprint.
"""

UNKNOWN = "Unknown browser"

# Checked in order: several browsers also name the ones they are built on ("Edg/… Chrome/…
# Safari/…"), so the most specific token comes first.
BROWSERS = [
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def _first(header: str, table: list[tuple[str, str]]) -> str | None:
    return next((name for token, name in table if token in header), None)


def device_label(user_agent: str) -> str:
    """Return "<browser> on <system>", either part alone when the other is unknown, or
    "Unknown browser"."""
    header = (user_agent or "")[:512]
    browser, system = _first(header, BROWSERS), _first(header, SYSTEMS)
    if browser and system:
        return f"{browser} on {system}"
    if browser:
        return browser
    if system:
        return f"A browser on {system}"
    return UNKNOWN
