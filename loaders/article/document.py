"""Reading an article: front matter, Markdown, HTML (boilerplate removed with trafilatura), language, date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from graph.errors import InvalidFact
from graph.model import parse_partial_date
from loaders import safeyaml
from loaders.reading import decode, read_bytes

__all__ = ["Document", "read_document", "parse_document", "detect_language", "MAX_ARTICLE_BYTES"]

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<meta>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_HTML = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)
_EN = frozenset("the and of to in is that for on with as was by it its at from has have will said which are be an".split())
_FR = frozenset("le la les des et est du une un dans pour que qui au sur par avec ont sont été aux ses son sa "
                "cette ce il elle".split())


@dataclass
class Document:
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str = "en"
    body_start: int = 0
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def published_date(self) -> date | None:
        if self.published and len(self.published) == 10:
            return date.fromisoformat(self.published)
        return None


def _fail(origin: str, reason: str) -> InvalidFact:
    return InvalidFact(f"{origin}: {reason}", problems=[{"location": origin, "field": "-", "reason": reason}])


def read_document(path: str | Path, encoding: str | None = None, max_bytes: int = MAX_ARTICLE_BYTES) -> Document:
    """Read an article file (text, Markdown or HTML), refusing binary, undecodable or oversized files."""
    p = Path(path)
    text = decode(read_bytes(p, max_bytes), str(p), max_bytes, encoding)
    return parse_document(text, str(p), is_html=p.suffix.lower() in (".html", ".htm") or None,
                          is_markdown=p.suffix.lower() in (".md", ".markdown"))


def parse_document(text: str, origin: str = "<text>", is_html: bool | None = None,
                   is_markdown: bool = False) -> Document:
    """An article's plain text and metadata from its raw text."""
    if len(text) > MAX_ARTICLE_BYTES:
        raise _fail(origin, f"text is {len(text):,} characters, over the article limit of {MAX_ARTICLE_BYTES:,}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        meta = _front_matter(m.group("meta"), origin)
        text = text[m.end():]
    title = meta.get("title")
    if is_html or (is_html is None and _HTML.match(text)):
        text, html_meta = _from_html(text)
        for k, v in html_meta.items():
            meta.setdefault(k, v)
        title = title or html_meta.get("title")
    elif is_markdown or re.search(r"^#{1,6} ", text, re.M):
        text, md_title = _from_markdown(text)
        title = title or md_title
    text = text.strip("\n")
    body_start = 0
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
        body_start = len(title) + 2
    published = None
    for raw in (meta.get("published"), meta.get("date")):
        if raw:
            try:
                published = parse_partial_date(str(raw)[:10])
            except ValueError:
                published = None
            if published:
                break
    if published is None:
        published = find_date(text[:3000])
    language = (meta.get("language") or meta.get("lang") or "").strip().lower()[:2] or detect_language(text)
    url = meta.get("url") or None
    if url and not re.match(r"^https?://\S+$", url):
        url = None
    return Document(text=text, origin=origin, title=title, url=url, publisher=meta.get("publisher") or None,
                    published=published, language=language if language in ("en", "fr") else "en",
                    body_start=body_start, meta=meta)


def _front_matter(block: str, origin: str) -> dict[str, str]:
    try:
        data = safeyaml.load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = {}
        for line in block.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                data[k.strip()] = v.strip()
    return {str(k).strip().lower(): str(v).strip() for k, v in data.items() if v is not None and str(v).strip()}


def _from_html(html: str) -> tuple[str, dict[str, str]]:
    meta: dict[str, str] = {}
    text = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
        if doc is not None:
            data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
            text = data.get("text")
            for key in ("title", "url", "date", "sitename"):
                if data.get(key):
                    meta["publisher" if key == "sitename" else "published" if key == "date" else key] = str(data[key])
    except Exception:  # noqa: BLE001 - a broken page falls back to tag stripping
        text = None
    if not text:
        text = re.sub(r"(?is)<(script|style|nav|header|footer|aside)\b.*?</\1>", " ", html)
        text = re.sub(r"(?i)</?(p|div|br|h\d|li|article|section)\b[^>]*>", "\n", text)
        text = re.sub(r"<[^>]+>", " ", text)
        import html as htmllib

        text = htmllib.unescape(text)
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text, meta


def _from_markdown(md: str) -> tuple[str, str | None]:
    title = None
    m = re.search(r"^# (.+)$", md, re.M)
    if m:
        title = m.group(1).strip()
        md = md[:m.start()] + md[m.end():]
    md = re.sub(r"```.*?```", " ", md, flags=re.S)
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", md)
    md = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"^#{1,6}\s+", "", md, flags=re.M)
    md = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", md, flags=re.M)
    md = re.sub(r"^>\s?", "", md, flags=re.M)
    md = re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", md)
    return md, title


def detect_language(text: str) -> str:
    """``en`` or ``fr``: function-word counts first (fast), langdetect when they do not decide."""
    words = re.findall(r"[a-zà-ÿ]+", text[:5000].lower())
    en = sum(w in _EN for w in words)
    fr = sum(w in _FR for w in words)
    if en + fr >= 10 and max(en, fr) >= 2 * min(en, fr):
        return "en" if en > fr else "fr"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        lang = detect(text[:3000])
    except Exception:  # noqa: BLE001 - no letters at all
        return "en"
    return "fr" if lang == "fr" else "en"


_DATE_IN_TEXT = [
    re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"),
]


def find_date(text: str) -> str | None:
    """The first full date written in the text (ISO, English or French), as YYYY-MM-DD."""
    from .lexicon_en import MONTHS as EN_MONTHS
    from .lexicon_fr import MONTHS as FR_MONTHS

    months = {**EN_MONTHS, **FR_MONTHS}
    alts = "|".join(sorted((re.escape(k) for k in months), key=len, reverse=True))
    candidates = []
    for m in _DATE_IN_TEXT[0].finditer(text):
        candidates.append((m.start(), m.group(1), int(m.group(2)), int(m.group(3))))
    for m in re.finditer(rf"\b({alts})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", text, re.I):
        candidates.append((m.start(), m.group(3), months[m.group(1).lower()], int(m.group(2))))
    for m in re.finditer(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({alts})\.?\s+((?:19|20)\d\d)\b", text, re.I):
        candidates.append((m.start(), m.group(3), months[m.group(2).lower()], int(m.group(1))))
    for _, y, mo, d in sorted(candidates):
        try:
            return parse_partial_date(f"{y}-{mo:02d}-{d:02d}")
        except ValueError:
            continue
    return None
