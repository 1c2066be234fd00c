"""Annotated Readings: turn captured source articles into annotated Markdown pages.

Data flow (one module per stage, one short orchestrator in ``cli``):

    seeds/<file> --sources--> Capture --render--> docs/readings/<slug>.md
    docs/readings/*.md --annotations/check--> problems
    docs/ --site--> listing pages, then MkDocs --> site/

``mdext`` is the Python-Markdown extension that renders annotations at build time.
"""

__version__ = "0.1.0"
