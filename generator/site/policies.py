"""The pages that tell readers how the desk works, generated from the definitions the code uses. Pure.

- ``methodology_page`` ("How we annotate"): the kinds of note (``document.kinds``),
  the verdicts and the rule for partial accuracy (``schema.RATING_MEANINGS``,
  ``schema.RATING_RULE``), the kinds a verdict may rate, and the sourcing standard
  ``readings check`` enforces (``checks.sourcing``: which kinds must or should cite);
- ``disclosure_page`` ("Who we are"): who runs, owns and funds the site and how to
  reach it, from ``extra.publisher`` in mkdocs.yml (``project.PublisherConfig``),
  and where its history is kept (``extra.repository``).

``site.generated`` writes them beside the other generated pages, so a changed
definition or configuration makes them stale and ``readings check`` says so until
``readings build`` (or ``readings import``) rewrites them.
"""

from __future__ import annotations

from generator.document.kinds import BY_NAME, KINDS, MUST_CITE, SHOULD_CITE
from generator.document.schema import RATED_KINDS, RATING_MEANINGS, RATING_RULE, RATING_SCALE, RATING_VALUES
from generator.document.syntax import GENERATED_MARK
from generator.document.text import md_escape, yaml_str
from generator.project import PublisherConfig

METHODOLOGY = "methodology.md"
DISCLOSURE = "who-we-are.md"
NOT_STATED = "Not stated yet."


def _names(kinds: tuple[str, ...], joiner: str = "and") -> str:
    labels = [BY_NAME[k].label.lower() for k in kinds]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" {joiner} " + labels[-1]


def _header(title: str, origin: str) -> list[str]:
    # GENERATED_MARK is what marks a generated page (site.generated); the second comment says where this one comes from.
    return ["---", f"title: {yaml_str(title)}", "---", "", GENERATED_MARK, f"<!-- {origin} -->", "", f"# {md_escape(title)}", ""]


def methodology_page() -> str:
    """docs/methodology.md: the kinds of note, the verdicts with the rule for partial accuracy, the sourcing standard."""
    lines = _header("How we annotate", "From the kinds, verdicts and sourcing rules `readings check` applies: change those,"
                    " then run `readings build`.")
    lines += [
        "Each reading reproduces an article exactly as its publisher wrote it, errors included. Our editors highlight"
        " passages and attach notes to them; the notes are ours, the text is the publisher's. This page says what each"
        " kind of note means, how we rate claims and what we require of our sources. It is generated from the"
        " definitions the site's software uses to check every reading, so it says what is actually applied.", "",
        "## Kinds of note", "",
        "Every note has one kind, shown by its colour and by the letter beside its number, so kinds can be told apart"
        " without colour.", "",
        "| Letter | Kind | What it marks |", "|---|---|---|",
    ]
    lines += [f"| {md_escape(k.badge)} | {md_escape(k.label)} | {md_escape(k.description)} |" for k in KINDS]
    rated = [v for v in RATING_SCALE if v in RATING_VALUES]
    lines += [
        "", "## Verdicts", "",
        f"A {_names(RATED_KINDS, 'or')} note may carry a verdict on the claim it examines. A verdict is given only when the"
        " note cites the evidence that settles it. We use one scale, from worst to best:", "",
    ]
    lines += [f"- **{md_escape(v.capitalize())}**: {md_escape(RATING_MEANINGS[v])}" for v in RATING_SCALE]
    lines += [
        "", "### When a claim is partly right", "", md_escape(RATING_RULE), "",
        f"Verdicts are published with the reading as fact-check markup (schema.org ClaimReview) that search engines"
        f" read, on a scale of {len(rated)} ({', '.join(md_escape(v) for v in rated)}, worst to best); "
        "“unsupported” is published in words only, because it says the evidence is missing, not how true a claim is.",
        "", "## Sourcing", "",
        f"- Every {_names(MUST_CITE)} note cites where the correct fact can be found; a reading is not published"
        " without it.",
        f"- {_names(SHOULD_CITE).capitalize()} notes cite the sources of the facts they state. Where we cannot find a"
        " source, we ask the reader a question instead of asserting.",
        "- Each source is entered once in the collection's bibliography, with its publisher, title and date (and its"
        " address when it is known exactly), and listed on the [Sources](sources.md) page with every page that cites"
        " it.",
        "- We prefer the original report to a copy of it, and name who said what: a note attributes every evaluation"
        " to whoever makes it.",
        "- Context pages carry the date their facts were last checked (“as of”).",
        "- We never invent a citation, address, quotation, date or number.",
        "", "## Fairness", "",
        "Notes are factual and neutral. They say who is speaking and what evidence the text gives, state only"
        " well-established facts, attribute evaluations to whoever makes them, and prefer a question for the reader to"
        " a verdict where the facts are uncertain. Reproducing an article does not endorse it.", "",
        "## Review and corrections", "",
        "A reading is published once an editor has reviewed its notes; the reading names who reviewed it and when,"
        " and every note says who added it and when. A draft is marked as one and kept out of search engines. When we"
        " find an error in our notes, or a reader reports one, we correct it openly: see the"
        " [corrections policy](corrections.md). [Who we are](who-we-are.md) says who runs this site and how it is"
        " funded.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def disclosure_page(publisher: PublisherConfig, repository: str, site_name: str) -> str:
    """docs/who-we-are.md: who runs, owns and funds the site, and how to reach it (``extra.publisher``)."""
    lines = _header("Who we are", "From extra.publisher and extra.repository in mkdocs.yml: change those, then run"
                    " `readings build`.")
    name = publisher.name or site_name
    lines += [
        f"{md_escape(name)} publishes this site. The fact-checkers' International Fact-Checking Network asks every"
        " signatory to say who runs it, who owns it and how it is funded, so that readers can judge its independence."
        " Here is what we say:", "",
        f"- **Publisher**: {md_escape(publisher.name) if publisher.name else NOT_STATED}",
        f"- **Ownership**: {md_escape(publisher.ownership) if publisher.ownership else NOT_STATED}",
        f"- **Funding**: {md_escape(publisher.funding) if publisher.funding else NOT_STATED}",
    ]
    if publisher.location:
        lines.append(f"- **Based in**: {md_escape(publisher.location)}")
    lines.append(f"- **Contact**: <{publisher.contact}>" if publisher.contact else f"- **Contact**: {NOT_STATED}")
    if repository:
        lines.append(f"- **Source and history**: every page, note and change is kept in a public repository, <{repository}>")
    lines += [
        "", "Each reading names who reviewed its notes and when, and every note says who added it and when. How we"
        " annotate and rate claims is on [How we annotate](methodology.md); how we correct our errors, on"
        " [Corrections](corrections.md). Every note has a “Report an error” link.",
    ]
    return "\n".join(lines).rstrip() + "\n"
