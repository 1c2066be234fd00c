"""The fresh-eyes review of the desk features: each finding, as the reviewer reproduced it, and what is expected now."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from markdown import Markdown
from test_epub import books  # noqa: F401  # the built books, a module fixture

from generator.checks.desk import _years_before
from generator.errors import InputError
from generator.project import EMAIL_RE, SiteConfig, read_publisher
from generator.site.provenance import Change, NoteProvenance, imported, provenance_html, with_provenance
from generator.site.report import Report, mailto_url, report_html, with_report_links

REPOSITORY = "https://github.com/o/r"
CONTACT = "desk@example.org"


# 3. An imported note's name is never linked to a people entry, and always says it is imported.
def test_an_imported_note_cannot_claim_a_people_entry() -> None:
    people = {"Annotated Readings editors": "../../people/#person-editors"}
    notes = imported({"context-isis-k": ("Annotated Readings editors", "2026-12-01", "")})
    shown = provenance_html(notes["context-isis-k"], REPOSITORY, people)
    assert "annotation-person" not in shown and "people/" not in shown
    assert shown.startswith('<span class="annotation-provenance">Imported; written by Annotated Readings editors on')
    git = provenance_html(NoteProvenance(Change("abc", "Annotated Readings editors", "2026-12-01")), REPOSITORY, people)
    assert 'href="../../people/#person-editors"' in git and "Added by" in git  # a git name still links


def test_imported_notes_in_a_page_are_labelled() -> None:
    page = ('<ol><li data-kind="context" id="note-x">text\u00a0<a aria-label="Back to the passage" href="#x">↩</a></li>'
            '</ol>')
    out = with_provenance(page, imported({"x": ("<b>Bob</b>", "2026-12-01", "Hypothesis")}), REPOSITORY, {"<b>Bob</b> (via Hypothesis)": "#p"})
    assert "Imported; written by &lt;b&gt;Bob&lt;/b&gt; (via Hypothesis) on" in out and 'href="#p"' not in out


# 4. The age limit is bounded and located; dates out of range never raise.
def _config(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: S\nplugins:\n  - search\n  - readings:\n      stale_after_years: {value}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["5000", "99999999999999999999", "101", "0", "'3'"])
def test_an_age_limit_out_of_range_is_one_line_at_the_option(tmp_path: Path, value: str) -> None:
    with pytest.raises(InputError) as caught:
        SiteConfig.read(_config(tmp_path, value))
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (5, "config") and "from 1 to 100" in problem.message
    assert len(problem.message) < 200  # a huge number is not printed whole


def test_the_bounds_are_accepted(tmp_path: Path) -> None:
    assert SiteConfig.read(_config(tmp_path, "100")).stale_after_years == 100
    assert SiteConfig.read(_config(tmp_path, "1")).stale_after_years == 1


@pytest.mark.parametrize(("day", "years", "expected"), [
    (dt.date(2, 1, 1), 3, dt.date.min), (dt.date(1, 1, 1), 3, dt.date.min), (dt.date(4, 2, 29), 1, dt.date(3, 2, 28)),
    (dt.date(2026, 12, 7), 100, dt.date(1926, 12, 7)), (dt.date(2024, 2, 29), 3, dt.date(2021, 2, 28))])
def test_years_before_clamps_instead_of_raising(day: dt.date, years: int, expected: dt.date) -> None:
    assert _years_before(day, years) == expected


# 8. The contact refuses "%" and the mailto: encodes its address.
@pytest.mark.parametrize("contact", ["a%0D%0Abcc%3Aevil%40x.org@example.org", "a b@example.org", "a\"b@example.org",
                                     "a<b@example.org", "a?b@example.org", "a&b@example.org"])
def test_a_contact_with_unusual_characters_is_refused_at_its_line(contact: str) -> None:
    assert not EMAIL_RE.fullmatch(contact)
    _publisher, problems, _gaps = read_publisher({"name": "N", "contact": contact}, {"extra.publisher.contact": 9})
    assert [(p.line, p.code) for p in problems] == [(9, "config")] and "contact" in problems[0].message


def test_the_mailto_address_is_percent_encoded() -> None:
    url = mailto_url("first.last+desk@example.org", Report("T", "p"))
    assert url.startswith("mailto:first.last+desk@example.org?subject=")
    hostile = mailto_url("a%0D%0Abcc@example.org", Report("T", "p"))  # were it ever let through, it stays one address
    assert hostile.startswith("mailto:a%250D%250Abcc@example.org?") and "\r" not in unquote(urlsplit(hostile).path)


# 12. The back link stays on the note's last line; the report links follow the outside-link rule.
def _rendered() -> str:
    md = Markdown(extensions=["generator.site.mdext"], extension_configs={"generator.site.mdext": {"bibliography": ""}})
    return md.convert("He said ==that it grew==[^claim-a].\n\n[^claim-a]: A claim note.\n")


def test_the_back_link_comes_before_the_report_line() -> None:
    page = with_report_links(_rendered(), "T", "https://s.example/r/", REPOSITORY, CONTACT)
    item = lxml.html.fragment_fromstring(page, create_parent="div").get_element_by_id("note-claim-a")
    classes = [child.get("class") for child in item]
    assert classes.index("annotation-backref") == len(classes) - 2 and classes[-1] == "report-error report-error--note"
    assert re.search(r"A claim note\.</span>(?:\u00a0|&nbsp;|&#160;)<a [^>]*aria-label=\"Back to the passage\"", page)


def test_report_links_follow_the_outside_link_rule() -> None:
    line = report_html(Report("T", "p", "claim-a"), REPOSITORY, CONTACT)
    root = lxml.html.fragment_fromstring(line, create_parent="div")
    github = next(a for a in root.iter("a") if a.text == "on GitHub")
    assert "outside-link" in github.get("class").split()
    assert set(github.get("rel").split()) == {"nofollow", "noopener", "noreferrer"}


# 7. A bad correction is reported at its own line, naming the field and the reason.
def test_a_bad_correction_report_is_located_and_named() -> None:
    from generator.document.page import parse_page
    from generator.document.schema import ReadingMeta

    text = ("---\ntitle: T\ncorrections:\n- date: 2026-12-06\n  text: Fine.\n- date: 2026-12-07\n  text: Bad report.\n"
            "  report: javascript:alert(1)\n- date: 2026-12-08\n  txt: typo\n---\n\nBody.\n")
    _meta, problems = parse_page(text, "r.md").typed(ReadingMeta)
    found = [(p.line, p.message) for p in problems if "correction" in p.message]
    assert [line for line, _ in found] == [6, 9, 9], found
    assert "correction 2 of 'corrections': 'report' must be the http(s) address" in found[0][1]
    assert "datetime" not in found[0][1] and "'javascript:alert(1)'" in found[0][1]
    assert "unknown key 'txt'; did you mean 'text'?" in found[1][1] and "lacks 'text'" in found[2][1]


# 5. A correction's [^id] links to the note it corrects, escaped; an unknown id is a located warning.
CORRECTED = ("---\ntitle: T\ncorrections:\n- date: 2026-12-06\n  text: 'The note ([^claim-a]) said <b>x</b>; [^claim-zz] too.'\n"
             "---\n\nHe said ==that it grew==[^claim-a].\n\n[^claim-a]: A claim note.\n")


def test_a_correction_links_its_notes_escaped() -> None:
    from generator.document import correction_refs
    from generator.document.page import parse_page

    page = parse_page(CORRECTED, "readings/r.md")
    known = correction_refs.numbers(page)
    text = 'The note ([^claim-a]) said <b>x</b>; [^claim-zz] too.'
    assert correction_refs.as_html(text, known) == ('The note (<a class="correction-note" href="#note-claim-a">note 1</a>)'
                                                    " said &lt;b&gt;x&lt;/b&gt;; [^claim-zz] too.")
    assert correction_refs.as_markdown(text, known, "readings/r.md") == (
        r"The note ([note 1](readings/r.md#note-claim-a)) said \<b\>x\</b\>; \[^claim-zz\] too.")
    assert correction_refs.as_text(text, known) == "The note (the note) said <b>x</b>; [^claim-zz] too."
    [problem] = correction_refs.problems(page)
    assert (problem.line, problem.code) == (4, "correction-note") and "[^claim-zz]" in problem.message


# 9. Each EPUB chapter ends with the review line and the policy pages' links (absolute, at site_url); epubcheck passes.
def test_the_epub_chapter_ends_with_the_review_line_and_the_policies(books: dict[str, Path]) -> None:  # noqa: F811
    from test_epub import chapters

    from generator.project import Project

    text = "\n".join(chapters(books["reading"]).values())
    base = Project.at(books["project"]).config.site_url.rstrip("/")
    assert base.startswith("https://")
    review = re.search(r'<div class="reading-review">\s*<p>(.*?)</p>', text, re.DOTALL)
    assert review is not None and review.group(1).startswith("Notes reviewed by ")
    assert f'href="{base}/people/#person-' in review.group(1)
    policies = re.search(r'<div class="reading-policies">\s*<p>(.*?)</p>', text, re.DOTALL)
    assert policies is not None
    assert re.findall(r'href="([^"]+)"', policies.group(1)) == [f"{base}/methodology/", f"{base}/corrections/", f"{base}/who-we-are/"]
    assert "Report an error" not in text  # the book leaves the report links out (README: what the EPUB carries)
    assert "[^correction-" not in text  # a correction's note reference reads "the note"


# 11. Wording and leniency where the reader meant the right thing.
def _people(text: str, mailmap: frozenset[str] | None = None) -> tuple[object, list[object]]:
    from generator import people

    return people.parse(text, "docs/people.yaml", mailmap)


def test_an_uppercase_scheme_is_accepted_and_lowered() -> None:
    from generator.document.page import parse_page
    from generator.document.schema import ReadingMeta
    from generator.document.schemes import lowercase_scheme
    from generator.people import People

    assert lowercase_scheme("HTTPS://Example.org/A") == "https://Example.org/A" and lowercase_scheme("x/y:z") == "x/y:z"
    found, problems = _people("jane:\n  name: Jane\n  role: R\n  url: HTTPS://jane.example/about\n")
    assert problems == [] and isinstance(found, People) and found.entries["jane"].url == "https://jane.example/about"
    meta, problems = parse_page("---\ntitle: T\ncorrections:\n- date: 2026-12-06\n  text: X.\n  report: HTTPS://github.com/o/r/issues/1\n"
                                "---\n\nBody.\n", "r.md").typed(ReadingMeta)
    assert [p for p in problems if "correction" in p.message] == []
    assert meta.corrections[0].report == "https://github.com/o/r/issues/1"


def test_a_url_without_scheme_suggests_https() -> None:
    _found, problems = _people("jane:\n  name: Jane\n  role: R\n  url: example.org/jane\n")
    assert len(problems) == 1 and "did you mean 'https://example.org/jane'?" in problems[0].message  # type: ignore[attr-defined]


def test_people_yaml_reasons_name_the_file_not_front_matter() -> None:
    _found, problems = _people("jane:\n  name: Jane\n  role: R\n  bio: a <b> c\n")
    assert len(problems) == 1 and "front-matter" not in problems[0].message  # type: ignore[attr-defined]


def test_the_unknown_git_name_warning_gives_the_mailmap_line() -> None:
    _found, problems = _people("jane:\n  name: Jane\n  role: R\n  git: [Jane Doe]\n", frozenset({"Someone Else"}))
    assert len(problems) == 1 and "add the line 'Jane Doe <" in problems[0].message  # type: ignore[attr-defined]


def test_a_bio_is_paragraphs_never_a_code_block() -> None:
    from generator.people import People
    from generator.site.people import people_page

    found, problems = _people("jane:\n  name: Jane\n  role: R\n  bio: \"First line\\n    indented\\n\\n- not a list\"\n")
    assert problems == [] and isinstance(found, People)
    page = people_page(found, {})
    rendered = Markdown().convert(page.split("---", 2)[2])
    assert "<pre>" not in rendered and "<ul>" not in rendered
    assert "<p>First line indented</p>" in rendered and "<p>- not a list</p>" in rendered


def test_stale_generated_names_each_pages_source() -> None:
    from generator.checks.generated import _source

    assert _source("people.md").startswith("people.yaml") and _source("who-we-are.md").startswith("mkdocs.yml")
    assert _source("readings.md") == "the readings"
