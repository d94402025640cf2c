# SPDX-License-Identifier: MPL-2.0
"""The backup file: a tar archive holding the database dump, the uploaded files (`media/`), the
key-figure signing keys (`keys/`) and, last, `MANIFEST.json` with the SHA-256 checksum and size of
every other member. Reading an archive checks every member against the manifest before anything is
restored, so a damaged, truncated or altered backup is refused as a whole."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MANIFEST = "MANIFEST.json"
FORMAT = "forebyg-backup"
VERSION = 1
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1 << 20


class ArchiveError(Exception):
    pass


def is_archive(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _blocks(fh) -> Iterator[bytes]:
    return iter(lambda: fh.read(CHUNK), b"")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in _blocks(fh):
            digest.update(block)
    return digest.hexdigest()


def tree(root: Path) -> Iterator[Path]:
    """Every regular file under root, in a stable order (symbolic links are not followed)."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def write(target: Path, *, vendor: str, database: Path, parts: dict[str, Path], meta: dict) -> int:
    """Write the archive to `target`: the database file, each part's tree under its name, the manifest.
    Returns the number of files besides the database."""
    files: dict[str, dict] = {}
    with tarfile.open(target, "w") as tar:
        name = DATABASE_MEMBERS[vendor]
        files[name] = {"sha256": _sha256_file(database), "size": database.stat().st_size}
        tar.add(database, arcname=name, recursive=False)
        for part, root in parts.items():
            for path in tree(root):
                data = path.read_bytes()  # read once: the checksum and the archived bytes are the same bytes
                arcname = f"{part}/{path.relative_to(root).as_posix()}"
                info = tarfile.TarInfo(arcname)
                info.size, info.mtime, info.mode = len(data), int(path.stat().st_mtime), path.stat().st_mode & 0o777
                tar.addfile(info, io.BytesIO(data))
                files[arcname] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        manifest = json.dumps({"format": FORMAT, "version": VERSION, "database": vendor, **meta, "files": files},
                              indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(manifest), 0o600
        tar.addfile(info, io.BytesIO(manifest))
    return len(files) - 1


def _safe(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and name not in ("", ".")


def verify(source: Path) -> dict:
    """Check every member against the manifest; return the manifest. Raises ArchiveError."""
    seen: dict[str, dict] = {}
    manifest = None
    try:
        with tarfile.open(source, "r") as tar:
            for member in tar:
                if not member.isfile() or not _safe(member.name):
                    raise ArchiveError(f"{source} holds an unexpected entry {member.name!r}.")
                fh = tar.extractfile(member)
                if fh is None:  # not a regular file (refused above)
                    raise ArchiveError(f"{source} holds an unexpected entry {member.name!r}.")
                if member.name == MANIFEST:
                    manifest = json.loads(fh.read())
                    continue
                digest = hashlib.sha256()
                for block in _blocks(fh):
                    digest.update(block)
                seen[member.name] = {"sha256": digest.hexdigest(), "size": member.size}
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise ArchiveError(f"{source} is damaged or incomplete ({exc}).") from None
    if manifest is None or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{source} has no manifest: it is incomplete or not a Forebyg backup.")
    if manifest.get("version") != VERSION:
        raise ArchiveError(f"{source} is a backup of format version {manifest.get('version')}; this Forebyg "
                           f"reads version {VERSION}.")
    expected = manifest.get("files", {})
    if set(expected) != set(seen):
        missing, extra = sorted(set(expected) - set(seen)), sorted(set(seen) - set(expected))
        raise ArchiveError(f"{source} does not match its manifest (missing: {missing[:5]}, not listed: {extra[:5]}).")
    bad = [n for n in expected if expected[n]["sha256"] != seen[n]["sha256"] or expected[n]["size"] != seen[n]["size"]]
    if bad:
        raise ArchiveError(f"{source} is damaged: the checksum of {', '.join(bad[:5])} does not match the manifest.")
    if DATABASE_MEMBERS.get(manifest.get("database")) not in seen:
        raise ArchiveError(f"{source} holds no database.")
    return manifest


def extract_database(source: Path, manifest: dict, target: Path) -> None:
    with tarfile.open(source, "r") as tar:
        fh = tar.extractfile(DATABASE_MEMBERS[manifest["database"]])
        with open(target, "wb") as out:
            for block in _blocks(fh):
                out.write(block)


def extract_part(source: Path, part: str, target: Path) -> int:
    """Extract the members under `part/` into the directory `target` (which must not exist)."""
    target.mkdir(parents=True, mode=0o700)
    n = 0
    with tarfile.open(source, "r") as tar:
        for member in tar:
            if not member.name.startswith(part + "/"):
                continue
            path = target / member.name[len(part) + 1:]
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = tar.extractfile(member)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, member.mode & 0o777 or 0o600)
            with os.fdopen(fd, "wb") as out:
                for block in _blocks(fh):
                    out.write(block)
            os.utime(path, (member.mtime, member.mtime))
            n += 1
    return n
