"""Annotated Readings: turn captured source articles into annotated Markdown pages, and publish them.

The folders are the pipeline (each package's docstring says more):

    seeds/<file> --importers--> Capture --reading (plan, compose, update)--> docs/readings/<slug>.md
    docs/context/*.md --context--> entities: links in readings, back-links on context pages
    docs/ --checks--> located problems
    docs/ --site (generated pages, then MkDocs with site.mdext)--> site/
    site --outputs (one builder each)--> dist/: the offline bundle, single-file readings

``document`` owns the page format; ``project`` owns every path; ``commands``
run one command each and ``cli`` only parses arguments.
"""

__version__ = "0.1.0"
