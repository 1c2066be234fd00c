"""Sourcing and review: every fact a note states can be found from what it cites; drafts are not published. Pure.

- a citation to a key the bibliography lacks is an error;
- a ``correction`` note without a citation is an error; a ``claim`` or ``context``
  note without one is a warning (it states facts a reader should be able to find);
- a context page without ``as_of`` is a warning (its present-tense facts need a date);
- a reviewer a reading's ``review.by`` names is an entry of ``docs/people.yaml`` (by id), when the project has one;
- with ``publish``: a reading that is not marked reviewed is an error; one reviewed must be signed by entries of
  ``docs/people.yaml`` (an error without the file), and signed only by teams is a warning (a desk names who signs);
- ``ratings`` and ``note_origins`` name notes of the page (detached ones included); a rating publishes a short
  ``claimReviewed`` (its summary, else its passage: longer than ``CLAIM_SUMMARY_MAX`` characters is a warning);
- across pages: a bibliography entry that nothing cites is a warning.
"""

from __future__ import annotations

from generator.annotations import claimreview
from generator.bibliography import Bibliography
from generator.bibliography.cite import CITATION_RE, groups_in, keys_in
from generator.document import read
from generator.document.kinds import MUST_CITE, SHOULD_CITE
from generator.document.page import Page
from generator.document.schema import CLAIM_SUMMARY_MAX, RATED_KINDS, EntityMeta, ReadingMeta, is_draft
from generator.errors import Problem, error, warning
from generator.people import People, reviewer_problems
from generator.project import PEOPLE_NAME


def citation_problems(page: Page, bibliography: Bibliography, is_reading: bool) -> list[Problem]:
    """Unknown keys anywhere on the page; notes that state facts without a citation (readings)."""
    problems: list[Problem] = []
    for number, line in enumerate(read.without_code(page.body).split("\n"), start=page.body_line + 1):
        for match in CITATION_RE.finditer(line):
            for group in groups_in(match.group(0)):
                for item in group.items:
                    if item.key not in bibliography:
                        problems.append(error(page.path, number, match.start() + 1, f"no entry '{item.key}' in"
                                              f" {bibliography.path or 'the bibliography'}: add it there, or fix the key",
                                              "unknown-citation"))
    if not is_reading:
        return problems
    for ann in read.parse(page.body, page.body_line).annotations:
        if keys_in(ann.note):
            continue
        where = (page.path, ann.note_line or ann.line, 1)
        if ann.kind in MUST_CITE:
            problems.append(error(*where, f"the correction [^{ann.id}] cites no source: a correction says where the correct"
                                  " fact can be found, with [@key]", "uncited-correction"))
        elif ann.kind in SHOULD_CITE:
            problems.append(warning(*where, f"the {ann.kind} note [^{ann.id}] cites no source: cite where its facts can be"
                                    " found, with [@key] (or make it a question)", "uncited-note"))
    return problems


def review_problems(page: Page, publish: bool, people: People | None = None) -> list[Problem]:
    """``review.by`` names entries of the people file; with ``publish``, only readings reviewed and signed by them pass."""
    meta, _problems = page.typed(ReadingMeta)
    people = people if people is not None else People()
    line = page.key_lines.get("review.by", page.key_lines.get("review", 1))
    problems = reviewer_problems(meta.review.by, people, page.path, line) if meta.review else []
    if not publish:
        return problems
    if is_draft(meta) or meta.review is None:
        state = "is a draft" if meta.review else "has no review status"
        return [*problems, error(page.path, page.key_lines.get("review", 1), 1, f"this reading {state}: it is published once"
                                 " reviewed (review: {status: reviewed, by: [...], date: YYYY-MM-DD})", "draft")]
    if not people.present:
        return [*problems, error(page.path, line, 1, f"the reading is signed by {', '.join(meta.review.by)}, whom no"
                                 f" {people.path or PEOPLE_NAME} lists: add an entry for each reviewer there and name"
                                 " them in review.by by id", "unknown-reviewer")]
    signers = [people.entries[i] for i in meta.review.by if i in people]
    if signers and all(p.is_team for p in signers):
        problems.append(warning(page.path, line, 1, f"the reading is signed only by {', '.join(p.name for p in signers)},"
                                " a team: a desk names who reviewed it (add a person's entry to the people file and to"
                                " review.by)", "team-only-review"))
    return problems


def rating_problems(page: Page, site_url: str) -> list[Problem]:
    """A verdict rates a claim or correction note of this reading, cites its evidence, and can be published; the
    provenance of imported notes names notes of this reading. A detached note is still the page's: its rating and
    provenance stay with it (``read.page_notes``), and it is warned about as detached."""
    meta, _problems = page.typed(ReadingMeta)
    if not meta.ratings and not meta.note_origins:
        return []
    notes = read.page_notes(page.body, page.body_line)
    problems = []
    where = (page.path, page.key_lines.get("ratings", 1), 1)
    for ident in meta.ratings:
        note = notes.get(ident)
        entry = (page.path, page.key_lines.get(f"ratings.{ident}", where[1]), 1)  # the rating's own line
        if note is None:
            problems.append(error(*entry, f"'ratings' names [^{ident}], which is not a note of this reading", "bad-rating"))
        elif note.kind not in RATED_KINDS:
            problems.append(error(*entry, f"'ratings' rates [^{ident}], a {note.kind or 'kindless'} note: only claim and"
                                  " correction notes carry a verdict", "bad-rating"))
        elif not keys_in(note.text):
            problems.append(error(page.path, note.line, 1, f"the rated note [^{ident}] cites no source: a verdict states"
                                  " its evidence ([@key])", "uncited-rating"))
    for ident, text in claimreview.reviewed_claims(page).items():
        if len(text) > CLAIM_SUMMARY_MAX:
            what = "its summary" if meta.ratings[ident].claim else "its passage (the rating gives no 'claim' summary)"
            problems.append(warning(page.path, page.key_lines.get(f"ratings.{ident}", where[1]), 1, f"the rating of [^{ident}]"
                                    f" publishes {what} as claimReviewed, {len(text)} characters: fact-checkers publish a short"
                                    f" summary of the claim there ({CLAIM_SUMMARY_MAX} or fewer)", "long-claim"))
    if meta.ratings and not site_url:
        problems.append(warning(*where, "rated notes are published as fact-check markup (ClaimReview) only with the site's"
                                " address: set site_url in mkdocs.yml", "no-site-url"))
    for ident in meta.note_origins:
        if ident not in notes:
            problems.append(warning(page.path, page.key_lines.get("note_origins", 1), 1, f"'note_origins' names [^{ident}],"
                                    " which is not a note of this reading: delete its entry", "bad-origin"))
    return problems


def as_of_problems(page: Page) -> list[Problem]:
    meta, _problems = page.typed(EntityMeta)
    if meta.as_of is None:
        return [warning(page.path, 1, 1, "a context page needs 'as_of': the date its facts were last checked, so that what it"
                        " says in the present tense is dated", "missing-as-of")]
    return []


def unused_entries(bibliography: Bibliography, cited: set[str]) -> list[Problem]:
    return [warning(bibliography.path, entry.line, 1, f"no page cites '{entry.key}'", "unused-source")
            for entry in bibliography.entries.values() if entry.key not in cited]
