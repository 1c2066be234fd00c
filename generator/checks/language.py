"""The language rules of a reading: its declared language against its text, and its title's scripts. Pure.

``readings check`` calls ``language_problems`` for every reading: a ``language`` that the article text contradicts
by a wide margin (``document.language.contradiction``: the identifier sure of another language that is no sibling
of it) is a warning naming both; a title whose letters mix scripts that do not belong together is a warning too.
A malformed or unknown tag is the schema's error (``schema.load``), not repeated here.
"""

from __future__ import annotations

from generator.document import language, read
from generator.document.page import Page
from generator.document.text import plain_text
from generator.errors import Problem, warning


def language_problems(page: Page) -> list[Problem]:
    """One located warning for a language the text contradicts, one for a title in mixed scripts."""
    problems: list[Problem] = []
    declared = page.meta.get("language")
    if isinstance(declared, str) and language.normalise(declared) is not None:
        guess = language.contradiction(declared, plain_text(read.article_text(page.body)))
        if guess is not None:
            problems.append(warning(page.path, page.key_lines.get("language", 1), 1,
                                    f"'language' says {language.name(declared)}, but the article text reads as"
                                    f" {language.name(guess.language)} ({language.IDENTIFIER}, confidence"
                                    f" {guess.confidence:.2f}): correct the tag, or check that the text is the article's",
                                    "language-mismatch"))
    title = page.meta.get("title")
    if isinstance(title, str) and (why := language.mixed_scripts(title)):
        problems.append(warning(page.path, page.key_lines.get("title", 1), 1, f"the title mixes scripts: {why}", "mixed-scripts"))
    return problems
