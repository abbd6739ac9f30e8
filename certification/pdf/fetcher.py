"""A WeasyPrint URL fetcher that can only read the project's own static files.

Certificates contain text typed by businesses.  Django autoescaping keeps it from
becoming markup, and this fetcher is the second fence: whatever URL ends up in
the document, WeasyPrint may read nothing but

* ``file://`` URLs whose resolved path (symlinks and ``..`` followed) lies inside
  the static folder, and
* ``data:`` URIs, which are decoded in memory and never touch disk or network.

Everything else (``http:``, ``ftp:``, ``file:///etc/passwd``, paths escaping the
folder, ``file://otherhost/…``) raises :class:`ForbiddenURL` before anything is
opened.  WeasyPrint catches the error, logs a warning and leaves the resource out.
"""

import mimetypes
import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ForbiddenURL(ValueError):
    """The certificate renderer refused to fetch this URL."""


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.root = Path(root).resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme, netloc, path, _query, _fragment = urlsplit(url)
        if scheme == "data":
            # urllib's DataHandler decodes the URI; no I/O is involved.
            return super().fetch(url, headers)
        if scheme != "file" or netloc not in ("", "localhost"):
            raise ForbiddenURL(f"refused non-static URL: {url[:200]}")
        # Check the path as written ("..", "%2e%2e" collapsed) before touching the
        # disk, then again after following symlinks.
        if not Path(os.path.normpath(url2pathname(path))).is_relative_to(self.root):
            raise ForbiddenURL(f"refused path outside {self.root}: {url[:200]}")
        try:
            file = Path(url2pathname(path)).resolve(strict=True)
        except (OSError, ValueError) as error:  # missing, or e.g. an embedded NUL byte
            raise ForbiddenURL(f"refused missing or malformed path: {url[:200]}") from error
        if not file.is_relative_to(self.root) or not file.is_file():
            raise ForbiddenURL(f"refused path outside {self.root} or not a file: {url[:200]}")
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            file.as_uri(), file.read_bytes(), {"Content-Type": content_type})
