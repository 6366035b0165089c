"""Where batch output goes: a regular file replaced whole at the end, or a stream.

A regular file (also one reached through symlinks) is written beside its
target and renamed onto it when complete, so a crash or a full disk leaves the
old file untouched; a link stays a link, and an existing file keeps its
permission bits. Anything else is streamed to, never renamed over: a device
(``/dev/null``), a FIFO, or one of this process's own descriptors
(``/dev/stdout``, ``/dev/fd/3``), which is written through that descriptor.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import OutputError

#: Symbolic links followed before the output is called a loop, as the kernel does.
MAX_LINKS = 40

_DESCRIPTOR = re.compile(r"^/(?:proc/(?:self|thread-self|(\d+))/fd|dev/fd)/(\d+)$")


@dataclass(frozen=True)
class Destination:
    """What an output path turned out to be once its symlinks are followed."""

    given: str
    target: Path
    kind: Literal["file", "stream", "descriptor"]
    descriptor: int | None = None

    def identity(self) -> tuple[int, int] | None:
        """(device, inode) of an existing regular output, to compare with the input."""
        try:
            info = os.fstat(self.descriptor) if self.descriptor is not None else self.target.stat()
        except OSError:
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def stdout_destination() -> Destination:
    """This process's standard output, written through its descriptor."""
    return Destination("stdout", Path("/dev/stdout"), "descriptor", 1)


def destination(path: Path) -> Destination:
    """Follow ``path``'s symlinks one at a time and say how it must be written."""
    given = str(path)
    current = Path(os.path.abspath(path))
    for _ in range(MAX_LINKS):
        descriptor = _own_descriptor(current)
        if descriptor is not None:
            return Destination(given, current, "descriptor", descriptor)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return Destination(given, current, "file")  # a new file
        except OSError as exc:
            raise OutputError(f"cannot write {given}: {exc.strerror}") from None
        if stat.S_ISLNK(info.st_mode):
            parent = os.path.realpath(current.parent)
            current = Path(os.path.abspath(os.path.join(parent, os.readlink(current))))
        elif stat.S_ISREG(info.st_mode):
            return Destination(given, current, "file")
        elif stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {given}: it is a directory; name a file")
        else:
            return Destination(given, current, "stream")
    raise OutputError(f"cannot write {given}: more than {MAX_LINKS} symbolic links (a loop?)")


def _own_descriptor(path: Path) -> int | None:
    found = _DESCRIPTOR.match(str(path))
    if found is None or (found.group(1) and int(found.group(1)) != os.getpid()):
        return None
    return int(found.group(2))


class Output:
    """A binary sink that reports any failure to write as one :class:`OutputError`."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self._stream = stream
        self.name = name

    def write(self, data: bytes) -> None:
        try:
            self._stream.write(data)
        except OSError as exc:
            raise self.error(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise self.error(exc) from None

    def error(self, exc: OSError) -> OutputError:
        return OutputError(f"cannot write {self.name}: {exc.strerror or exc}")


@contextmanager
def open_output(where: Destination) -> Iterator[Output]:
    """An :class:`Output` for ``where``: a replaced file, or the stream itself."""
    if where.kind == "file":
        with _replaced_file(where) as output:
            yield output
        return
    owned = True
    try:
        if where.descriptor == 1:
            stream, owned = _stdout()
        elif where.descriptor is not None:
            stream = os.fdopen(os.dup(where.descriptor), "wb")
        else:
            stream = where.target.open("wb")
    except OSError as exc:
        raise OutputError(f"cannot write {where.given}: {exc.strerror or exc}") from None
    output = Output(stream, where.given)
    try:
        yield output
        output.flush()
    finally:
        if owned:
            with suppress(OSError):  # already reported; a second flush would fail the same way
                stream.close()


def _stdout() -> tuple[BinaryIO, bool]:
    """A stream of our own on standard output's descriptor, so a failed write leaves no
    data in ``sys.stdout`` for the interpreter to fail on again at exit; when standard
    output is not a descriptor (an in-process test runner), its buffer, not ours to close."""
    sys.stdout.flush()
    try:
        return os.fdopen(os.dup(sys.stdout.fileno()), "wb"), True
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return sys.stdout.buffer, False


@contextmanager
def _replaced_file(where: Destination) -> Iterator[Output]:
    target = where.target
    try:
        previous: os.stat_result | None = target.stat()
    except FileNotFoundError:
        previous = None
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise OutputError(f"cannot write {where.given}: {exc.strerror or exc}") from None
    stream = os.fdopen(fd, "wb")
    try:
        output = Output(stream, where.given)
        yield output
        output.flush()
        os.fsync(stream.fileno())
        stream.close()
        _copy_owner_and_mode(temporary, previous)
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):  # a failed flush fails again here; it is already reported
            stream.close()
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {where.given}: {exc.strerror or exc}") from None
        raise


def _copy_owner_and_mode(temporary: str, previous: os.stat_result | None) -> None:
    """The replaced file's permission bits (and owner, where allowed); else the umask's."""
    if previous is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    with suppress(PermissionError):
        os.chown(temporary, previous.st_uid, previous.st_gid)
    os.chmod(temporary, stat.S_IMODE(previous.st_mode))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
