"""Reading input files safely: size limits, encodings, binary junk, with errors that say where and why."""

from __future__ import annotations

from pathlib import Path

from graph.errors import InvalidFact

__all__ = ["read_text", "read_bytes", "decode", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 64 * 1024 * 1024


def _fail(origin: str, reason: str) -> InvalidFact:
    return InvalidFact(f"{origin}: {reason}", problems=[{"location": origin, "field": "-", "reason": reason}])


def decode(data: bytes, origin: str, max_bytes: int = MAX_FILE_BYTES, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is a clear error."""
    if len(data) > max_bytes:
        raise _fail(origin, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise _fail(origin, f"cannot decode as {encoding}: {exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _fail(origin, f"invalid UTF-16 text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise _fail(origin, "binary data (NUL bytes), not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(origin, f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at line {line} "
                            f"(byte {exc.start}); re-save the file as UTF-8") from None
    bad = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if bad > 8:
        raise _fail(origin, "binary data (control characters), not a text file")
    return text


def read_bytes(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing a file over ``max_bytes`` before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise _fail(str(p), f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; split it into "
                                "smaller files (a folder of them loads in one command, one transaction per file)")
        return p.read_bytes()
    except OSError as exc:
        raise _fail(str(p), f"cannot read: {exc.strerror or exc}") from None


def read_text(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A file's text, refusing what is too big, binary or not UTF-8/UTF-16."""
    return decode(read_bytes(path, max_bytes), str(path), max_bytes)
