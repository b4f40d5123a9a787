"""Which folders the index writer may replace or remove: only those it wrote.

An index folder holds nothing but the names `IndexStore.save` writes; any other
file in it makes it a user's folder, which is refused, never replaced (`--index-dir ~`
stays as it was). A build writes a temporary folder beside the index and swaps it in
with two renames; a build killed between them is repaired by `remove_leftovers`.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from corpus.errors import IndexFolderError
from index.onnx_export import ENCODER_FILES

__all__ = [
    "INDEX_FILES",
    "OWN_ENTRIES",
    "check_index_location",
    "check_replaceable",
    "real_folder",
    "remove_leftovers",
    "swap_into_place",
]

INDEX_FILES = ("passages.jsonl", "units.jsonl", "index.faiss", "documents.jsonl")
# Every name `save` writes at the top of an index folder. A folder holding anything
# else is a user's, and is never replaced or removed.
OWN_ENTRIES = frozenset({"manifest.json", *INDEX_FILES, "bm25", *ENCODER_FILES})


def real_folder(directory: Path) -> Path:
    """The folder behind a symlinked index path: replaced there, so the link stays a link."""
    return directory.resolve() if directory.is_symlink() else directory


def _ours(folder: Path) -> bool:
    """An index folder of ours: nothing but names `save` writes, a manifest among them."""
    try:
        names = {entry.name for entry in folder.iterdir()}
    except OSError:
        return False
    return not names or ("manifest.json" in names and names <= OWN_ENTRIES)


def check_index_location(directory: Path) -> None:
    """Refuse, before any slow work, an index path that cannot be a folder of ours.

    Its nearest existing ancestor must be a folder (`RSO_QA_HOME` set to a file is
    caught here), and the path itself a folder if it exists.
    """
    directory = Path(directory)
    for ancestor in [directory, *directory.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise IndexFolderError(
                    f"cannot keep the index at {directory}: {ancestor} is a file, not a folder; "
                    "pass --index-dir (or set RSO_QA_HOME) to a folder"
                )
            return
        if ancestor.is_symlink():  # a dangling link: following it would write elsewhere
            raise IndexFolderError(
                f"cannot keep the index at {directory}: {ancestor} is a broken link; fix it or "
                "pass another --index-dir"
            )


def check_replaceable(directory: Path) -> None:
    """Refuse to replace a folder that holds anything rso-qa did not write.

    An index folder is only ever replaced when it is empty or holds nothing but our
    own files; a user's folder (`--index-dir ~`) is left exactly as it was.
    """
    target = real_folder(Path(directory))
    check_index_location(target)
    if not target.exists() or _ours(target):
        return
    foreign = sorted(e.name for e in target.iterdir() if e.name not in OWN_ENTRIES)
    example = f" (such as {foreign[0]!r})" if foreign else ""
    raise IndexFolderError(
        f"{target} holds files rso-qa did not write{example}, so it will not be used as the "
        "index folder; pass --index-dir (or set RSO_QA_HOME) to an empty or new folder"
    )


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?:tmp|old)-\d+")


def remove_leftovers(directory: Path) -> None:
    """Tidy up after a build that was killed: call under the build lock.

    A kill between the two renames of the swap leaves no index but a complete old one
    beside it: that one is put back. Then the temporary folders of ours are removed,
    and only those.
    """
    target = real_folder(Path(directory))
    if not target.parent.is_dir():
        return
    leftovers = sorted(
        (entry for entry in target.parent.iterdir() if _is_leftover(entry, target.name)),
        key=lambda entry: int(entry.name.rsplit("-", 1)[1]),
    )
    if not target.exists() and not target.is_symlink():
        complete = [e for e in leftovers if ".old-" in e.name and _ours(e)]
        if complete:
            complete[-1].rename(target)  # the newest good index
            leftovers.remove(complete[-1])
    for entry in leftovers:
        shutil.rmtree(entry, ignore_errors=True)


def _is_leftover(entry: Path, name: str) -> bool:
    match = _LEFTOVER.fullmatch(entry.name)
    return bool(
        match
        and match["name"] == name
        and entry.is_dir()
        and not entry.is_symlink()
        and _ours_or_partial(entry)
    )


def _ours_or_partial(folder: Path) -> bool:
    """A build's temporary folder: only our names, written in any order (maybe no manifest)."""
    try:
        return {entry.name for entry in folder.iterdir()} <= OWN_ENTRIES
    except OSError:
        return False


def swap_into_place(tmp: Path, directory: Path) -> None:
    """Rename the new folder over the old one, so readers see one or the other.

    `directory` is a real folder (not a link) that `check_replaceable` accepted: the
    old copy moved aside is ours, and is removed whole.
    """
    old = None
    if directory.exists():
        old = directory.parent / f".{directory.name}.old-{time.time_ns()}"
        directory.rename(old)
    tmp.rename(directory)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
