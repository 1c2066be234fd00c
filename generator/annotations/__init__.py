"""Annotations that travel: W3C Web Annotation exports, imports from Hypothesis and W3C files, ClaimReview.

``text`` maps the page's Markdown to the text a reader sees; ``w3c`` writes and validates the
exports; ``incoming`` reads other tools' files and ``importing`` places them on a reading;
``claimreview`` turns rated notes into fact-check markup; ``publish`` is what the site build writes.
"""
