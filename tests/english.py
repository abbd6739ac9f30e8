"""Finds English words a person would read on a page: text, and the attributes shown or spoken."""

import re
from html.parser import HTMLParser

# Abbreviations that are the normal way to write these in Chinese too.
ALLOWED = {"PDF", "JPEG", "JPG", "PNG", "QR", "CSV", "JSON", "XLSX", "MB", "KB", "ID"}
SHOWN_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}
WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])")  # not inside codes such as a USCC


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1
        # An <input type="submit"> shows its value; a <button>'s value is only sent with the form.
        shows_value = tag == "input" and (dict(attrs).get("type") or "").lower() in ("submit", "button", "reset")
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or (name == "value" and shows_value)):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_words(html, own=()):
    """`own`: what the person typed themselves (their user name), which the page may show back."""
    reader = _Reader()
    reader.feed(html)
    text = " ".join(reader.parts)
    for name in own:
        text = text.replace(name, " ")
    text = re.sub(r"\S+@\S+|https?://\S+", " ", text)  # addresses are not words
    return sorted({word for word in WORD.findall(text) if word.upper() not in ALLOWED})
