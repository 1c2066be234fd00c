"""Outputs built from the site: one ``Builder`` per output, registered here.

- ``offline``: the whole site as a zip for file:// (``readings bundle``);
- ``single``: one reading as one HTML file (``readings bundle --single SLUG``);
- ``epub``: one reading, or the collection, as an EPUB 3 book (``readings bundle --epub [SLUG]``);
- ``scan``: the proof that an output loads nothing from outside.

Adding an output is one module with a ``BUILDER`` (see ``base.Builder``) and one
line in ``BUILDERS``; ``readings bundle`` takes its option from the builder.
"""

from __future__ import annotations

from generator.outputs import epub, offline, single
from generator.outputs.base import Builder

BUILDERS: tuple[Builder, ...] = (offline.BUILDER, single.BUILDER, epub.BUILDER)


def default_builder() -> Builder:
    return next(b for b in BUILDERS if b.option is None)
