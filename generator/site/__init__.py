"""The site stage: generated pages, the Markdown extension MkDocs runs, and the MkDocs build.

- ``listings``: the home, theme, region and tags pages, from the readings' facts;
- ``generated``: every generated page computed (with the per-page cache), then written;
- ``mdext``: the Python-Markdown extension that renders annotations (named in mkdocs.yml);
- ``mkdocs``: ``mkdocs build --strict``.
"""
