"""The offline bundle: the whole site as one zip that works from file:// with the network cut.

Data flow: docs/ --mkdocs (mkdocs.offline.yml)--> a temporary site --localise-->
no outside references --scan--> proof of that --zip--> dist/<site>-offline.zip.
The zip is deterministic: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from generator.errors import BuildError
from generator.fsutil import atomic_write_bytes
from generator.outputs.base import Option
from generator.outputs.scan import JS_UNAVAILABLE, JS_URL_RE, outside_references
from generator.project import Project
from generator.site.mkdocs import mkdocs_build
from generator.slug import slugify

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
NOT_FOUND_PAGE = "404.html"


def localise(root: Path) -> None:
    """Neutralise the outside URLs Material's scripts hold for features we never use.

    Material's bundle can load Mermaid and a ResizeObserver polyfill from a CDN,
    and ask the GitHub or GitLab API for repository facts. None applies to this
    site, but a bundle must not even refer to them: the scheme becomes one no
    browser fetches.
    """
    for path in sorted(root.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        new = JS_URL_RE.sub(lambda m: JS_UNAVAILABLE + m.group(0).split("//", 1)[1], text)
        if new != text:
            path.write_text(new, encoding="utf-8")


def write_zip(folder: Path, target: Path, top: str) -> None:
    """A byte-reproducible zip of ``folder`` under the single top-level folder ``top``."""
    with tempfile.SpooledTemporaryFile(max_size=1 << 30) as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
                name = f"{top}/{path.relative_to(folder).as_posix()}" + ("/" if path.is_dir() else "")
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.create_system = 3  # Unix, so the permissions below are read
                info.external_attr = ((0o40755 if path.is_dir() else 0o100644) << 16) | (0x10 if path.is_dir() else 0)
                info.compress_type = zipfile.ZIP_STORED if path.is_dir() else zipfile.ZIP_DEFLATED
                archive.writestr(info, b"" if path.is_dir() else path.read_bytes())
        buffer.seek(0)
        atomic_write_bytes(target, buffer.read())


def build_offline(project: Project, dest: Path, strict: bool = True) -> None:
    """Build the offline site into ``dest``, localise it and prove it self-contained (``strict``: see ``mkdocs_build``)."""
    mkdocs_build(project, dest, config=project.offline_config_file, strict=strict)  # the readings plugin scans it for script
    # The error page is served by web servers only, and names its assets from the site's root ("/assets/..."),
    # which from file:// is the root of the reader's disk.
    (dest / NOT_FOUND_PAGE).unlink(missing_ok=True)
    localise(dest)
    problems = outside_references(dest)
    if problems:
        raise BuildError(problems)


class OfflineBundle:
    """``readings bundle``: dist/<site>-offline.zip, one top-level folder holding index.html."""

    name = "offline"
    option: Option | None = None  # the default output of `readings bundle`
    help = "the whole site as a zip that works from file:// with the network cut"

    def build(self, project: Project, dist: Path, argument: str | None = None) -> Path:
        name = f"{slugify(project.config.site_name)}-offline"
        target = dist / f"{name}.zip"
        with tempfile.TemporaryDirectory(prefix="readings-bundle-") as tmp:
            folder = Path(tmp) / name
            build_offline(project, folder)
            write_zip(folder, target, name)
        return target


BUILDER = OfflineBundle()
