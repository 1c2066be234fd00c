"""The reading page and its format, without I/O beyond reading one file.

- ``kinds``: the annotation kinds;
- ``schema``: front-matter keys, typed;
- ``syntax``: every marker, pattern and title of the format;
- ``capture``: what importers produce (``Capture``) and the repair codes;
- ``text``: the article text, plain text and escaping;
- ``page``: a page file as front-matter plus body;
- ``read``: the annotation layer parsed from a body;
- ``write``: a body assembled from paragraphs, annotations, links and blocks.
"""
