"""Context notes: one page per entity in docs/context/, linked from every reading.

Data flow: docs/context/*.md --entities.load--> ``Entity`` list --mentions--> the
first mention of each entity in a reading's article text becomes a link (on
import and update); readings --backlinks--> each context page's generated
"Mentioned in" section and the context index (on import, update and build).
Linking never changes the article's words: ``document.read.strip_markup``
removes context links.
"""
