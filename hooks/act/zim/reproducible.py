"""Same sources, same bytes: fix the random UUIDs libzim writes.

libzim (9.x, through python-libzim 3.13) draws a random UUID for the ZIM header, and
Xapian draws one for each index database it stores in the ZIM (the full-text index and
the title index). python-libzim has no way to set either, so after writing we replace all
three with a UUID derived from the file's content (with the three UUID fields zeroed)
and recompute the MD5 checksum that closes the file. The writer also runs libzim with one
worker thread (act/zim/writer.py): with several, pages reach the full-text index in the
order the threads finish and the index differs between builds. Nothing else in a ZIM written from
the same sources differs from one build to the next (tests/real_site/test_zim.py builds
twice and compares the bytes).

ZIM header (https://wiki.openzim.org/wiki/ZIM_file_format): magic, major and minor version,
then the 16-byte UUID at offset 8; `checksumPos` (uint64 at offset 72) is where the MD5 of
everything before it is stored. A Xapian glass database starts with its version file:
b"\\x0f\\rXapian Glass", a two-byte format version, then its 16-byte UUID.
"""

from __future__ import annotations

import hashlib
import pathlib
import struct
import uuid

ZIM_MAGIC = 72173914
HEADER_UUID = slice(8, 24)
CHECKSUM_POS = 72
XAPIAN_MAGIC = b"\x0f\rXapian Glass"
XAPIAN_UUID_OFFSET = len(XAPIAN_MAGIC) + 2


class NotReproducible(ValueError):
    """The file is not laid out as this module expects (a libzim or Xapian change)."""


def uuid_fields(data: bytes, xapian_databases: int) -> list[slice]:
    """Where the header UUID and each Xapian database's UUID sit in the ZIM's bytes."""
    (magic,) = struct.unpack_from("<I", data, 0)
    if magic != ZIM_MAGIC:
        raise NotReproducible("not a ZIM file")
    starts = []
    at = data.find(XAPIAN_MAGIC)
    while at != -1:
        starts.append(at + XAPIAN_UUID_OFFSET)
        at = data.find(XAPIAN_MAGIC, at + 1)
    if len(starts) != xapian_databases:
        raise NotReproducible(
            f"expected {xapian_databases} Xapian databases in the ZIM, found {len(starts)}: "
            "update act/zim/reproducible.py for this libzim"
        )
    return [HEADER_UUID, *(slice(start, start + 16) for start in starts)]


def content_uuid(data: bytes, fields: list[slice]) -> uuid.UUID:
    """A UUID (version 5 layout) from the SHA-256 of the bytes with the UUID fields zeroed."""
    zeroed = bytearray(data)
    for field in fields:
        zeroed[field] = bytes(16)
    digest = hashlib.sha256(zeroed).digest()
    return uuid.UUID(bytes=digest[:16], version=5)


def make_reproducible(path: pathlib.Path, xapian_databases: int = 2) -> uuid.UUID:
    """Rewrite the ZIM at `path` in place with content-derived UUIDs and a fresh checksum."""
    data = bytearray(path.read_bytes())
    (checksum_pos,) = struct.unpack_from("<Q", data, CHECKSUM_POS)
    if checksum_pos + 16 != len(data):
        raise NotReproducible("the checksum is not the last 16 bytes of the ZIM")
    body = bytes(data[:checksum_pos])
    fields = uuid_fields(body, xapian_databases)
    new = content_uuid(body, fields)
    for field in fields:
        data[field] = new.bytes
    data[checksum_pos:] = hashlib.md5(bytes(data[:checksum_pos]), usedforsecurity=False).digest()
    path.write_bytes(data)
    return new
