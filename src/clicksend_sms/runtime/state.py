"""The local state file: trigger snapshots kept between CLI runs.

One JSON file contains one entry per trigger configuration, keyed by ``state_key``. Every write
goes to a temporary file in the same directory, is flushed and fsynced, and then replaces the
old file with ``os.replace``, so a crash leaves either the old or the new file, never a torn
one. A lock file serialises read-modify-write cycles of processes sharing the state file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clicksend_sms.errors import InvalidInputError

try:  # POSIX only; elsewhere the state file is written without a lock.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STATE_FORMAT_VERSION = 1
APP_DIR = "clicksend-sms"
STATE_FILE_NAME = "state.json"


def default_state_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return ``$XDG_STATE_HOME/clicksend-sms/state.json`` or ``~/.local/state/...``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_DIR / STATE_FILE_NAME


def state_key(function: str, cfg: Mapping[str, Any], fields: tuple[str, ...]) -> str:
    """Return the entry key of a trigger configuration.

    The key names the function, the account (username at base URL) and the values of
    ``fields``, so polls of different object types keep separate cursors. Credentials other
    than the username never enter the key.
    """
    parts = [function, f"{cfg.get('username', '')}@{cfg.get('baseUrl', '')}"]
    parts.extend(f"{name}={cfg.get(name) if cfg.get(name) is not None else ''}" for name in fields)
    return " ".join(parts)


def write_json_atomically(path: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``path`` through a fsynced temporary file and os.replace.

    The file is created readable by its owner only, because it names the account.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(path.parent)


def check_writable(path: Path, field: str) -> None:
    """Raise InvalidInputError naming ``field`` unless ``path`` can be written atomically.

    The check does what a write starts with: it creates a temporary file beside ``path`` and
    removes it again. The directory must exist.
    """
    directory = path.parent
    try:
        if path.is_dir():
            raise InvalidInputError(field, str(path), "It is a directory; name a file.")
        if not directory.is_dir():
            problem = "is not a directory" if directory.exists() else "does not exist"
            raise InvalidInputError(
                field,
                str(path),
                f"{directory} {problem}; name a file in an existing directory.",
            )
        descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        os.close(descriptor)
        os.unlink(temp_name)
    except OSError as error:
        raise InvalidInputError(
            field,
            str(path),
            f"No file can be created in {directory} ({error.strerror}); name a file in a "
            "writable directory.",
        ) from None


# Configurations, messages and snapshots are small. A larger input is a mistake, such as a
# device like /dev/zero or a wrong file, which would otherwise be read until memory runs out.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input_text(path: Path | None, field: str) -> str:
    """Return the UTF-8 text of ``path``, or of stdin when ``path`` is None.

    Raises InvalidInputError naming ``field`` when the input exceeds MAX_INPUT_BYTES, and
    lets OSError and UnicodeDecodeError through for the caller to word.
    """
    data: bytes | str
    if path is None:
        # A replaced stdin (io.StringIO in tests and embedding programs) has no byte buffer.
        data = getattr(sys.stdin, "buffer", sys.stdin).read(MAX_INPUT_BYTES + 1)
    else:
        with path.open("rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)

    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise InvalidInputError(
            field, "-" if path is None else str(path), f"The input is larger than {limit} MiB."
        )
    return data if isinstance(data, str) else data.decode("utf-8")


def read_json_object(
    path: Path, *, field: str, parse: Callable[[str], Any] = json.loads
) -> dict[str, Any] | None:
    """Return the JSON object stored in ``path``, or None when the file does not exist.

    A file that is not a JSON object raises InvalidInputError naming ``field``. ``parse``
    turns the text into a value and raises ValueError when the text is not valid JSON.
    """
    try:
        text = read_input_text(path, field)
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as error:
        raise InvalidInputError(
            field,
            str(path),
            f"The file is not UTF-8 text (byte {error.start}: {error.reason})."
            " Save it as UTF-8 JSON.",
        ) from None
    except OSError as error:
        raise InvalidInputError(
            field, str(path), f"The file cannot be read ({error.strerror})."
        ) from None

    try:
        value = parse(text) if text.strip() else {}
    except ValueError as error:
        raise InvalidInputError(
            field, str(path), f"The file is not valid JSON ({error}); fix or delete it."
        ) from None

    if not isinstance(value, dict):
        raise InvalidInputError(field, str(path), "The file must contain a JSON object.")
    return value


class StateFile:
    """Snapshots of trigger configurations, stored in one JSON file.

    Every problem reading or writing the file raises InvalidInputError naming ``field``, the
    option that chose the file.
    """

    def __init__(self, path: Path, field: str = "--state") -> None:
        self.path = path
        self.field = field

    def check(self, *, create_directory: bool = False) -> None:
        """Raise InvalidInputError unless the file can be read and then replaced.

        Call it before the first request, so a bad path fails before anything is emitted.
        ``create_directory`` first creates the missing directories (for the default path).
        """
        if create_directory:
            with self._converting_os_errors("cannot be written"):
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self._entries()
        check_writable(self.path, self.field)

    def load(self, key: str) -> dict[str, Any]:
        """Return the snapshot stored under ``key``, or ``{}`` when there is none."""
        entry = self._entries().get(key)
        if not isinstance(entry, dict):
            return {}
        snapshot = entry.get("snapshot")
        return dict(snapshot) if isinstance(snapshot, dict) else {}

    def save(self, key: str, snapshot: Mapping[str, Any]) -> None:
        """Store ``snapshot`` under ``key``, keeping every other entry."""
        with self._locked():
            entries = self._entries()
            entries[key] = {
                "snapshot": dict(snapshot),
                "savedAt": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            self._write(entries)

    def keys(self) -> list[str]:
        return sorted(self._entries())

    def adopt(self, key: str, old_prefix: str) -> str | None:
        """Move the newest entry whose key starts with ``old_prefix`` to ``key``.

        This carries a position saved under an older key shape over to the current one.
        Nothing changes when ``key`` already has an entry or no old key matches. Every
        matching old entry is removed, because the entry under ``key`` supersedes them.
        Returns the old key that was adopted, or None.
        """
        with self._locked():
            entries = self._entries()
            old_keys = [name for name in entries if name.startswith(old_prefix)]
            if key in entries or not old_keys:
                return None

            newest = max(old_keys, key=lambda name: (str(_saved_at(entries[name])), name))
            entries[key] = entries[newest]
            for name in old_keys:
                del entries[name]
            self._write(entries)
            return newest

    def _entries(self) -> dict[str, Any]:
        document = read_json_object(self.path, field=self.field)
        if document is None:
            return {}
        entries = document.get("entries", {})
        if not isinstance(entries, dict):
            raise InvalidInputError(
                self.field,
                str(self.path),
                "Its 'entries' must be a JSON object; fix or delete the file.",
            )
        return entries

    def _write(self, entries: dict[str, Any]) -> None:
        with self._converting_os_errors("cannot be written"):
            write_json_atomically(self.path, {"version": STATE_FORMAT_VERSION, "entries": entries})

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover - Windows
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        with self._converting_os_errors("cannot be locked"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = open(lock_path, "a", encoding="utf-8")  # noqa: SIM115
        with lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _converting_os_errors(self, problem: str) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            raise InvalidInputError(
                self.field, str(self.path), f"The file {problem} ({error.strerror})."
            ) from None


def _saved_at(entry: Any) -> Any:
    return entry.get("savedAt", "") if isinstance(entry, dict) else ""


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself; not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
