"""The contributor workflow lives in real files: workflows, pre-commit, the guide, and CI's install steps."""

from __future__ import annotations

import yaml
from conftest import ROOT


def steps(workflow: str) -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job["steps"]]


def commands(workflow: str) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(workflow))


def test_pull_request_workflow_checks_builds_and_tests() -> None:
    run = commands("pull-request.yml")
    assert "readings check --format github" in run
    assert "readings build" in run
    assert "python -m pytest" in run
    env = next(step["env"] for step in steps("pull-request.yml") if "pytest" in str(step.get("run", "")))
    assert isinstance(env, dict) and env["READINGS_REQUIRE_BROWSER"] == "1"


def test_publish_workflow_deploys_pages_and_attaches_the_bundle() -> None:
    run = commands("publish.yml")
    uses = [str(step.get("uses", "")) for step in steps("publish.yml")]
    assert "readings build" in run and "readings bundle" in run
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert "gh release create" in run and "dist/*.zip" in run


def test_pre_commit_runs_readings_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "readings check" for hook in hooks)


def test_ci_installs_chromium_and_requires_browser_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in script and "missing+=(chromium)" in script and "missing+=(epubcheck)" in script
    assert "READINGS_REQUIRE_BROWSER=1" in script and "READINGS_REQUIRE_EPUBCHECK=1" in script
    assert "make test" in script  # the README's test command


def test_contributors_guide_is_in_the_nav_and_shows_every_kind() -> None:
    from generator.document.kinds import KIND_NAMES

    assert "Contributing: contributing.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    for kind in KIND_NAMES:
        assert f"[^{kind}-" in guide, kind
    assert "readings serve" in guide and "readings import" in guide


def test_publish_workflow_publishes_only_reviewed_readings_with_full_history() -> None:
    run = commands("publish.yml")
    assert "readings check --publish" in run
    checkout = next(step for step in steps("publish.yml") if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout.get("with", {}).get("fetch-depth") == 0  # type: ignore[union-attr]
