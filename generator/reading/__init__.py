"""From captures to reading pages.

Data flow: ``Capture`` list (from ``importers``) and the existing pages
--plan--> an ``Action`` per capture: a new page (``compose``), an unchanged one,
a replaced one, or an updated one (``update``, which re-anchors contributors'
notes with ``anchoring`` and tells their front-matter edits apart with the
previous seed from ``history``). The command writes the actions' texts.
"""
