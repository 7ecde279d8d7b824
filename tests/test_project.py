"""The project's promises about itself: pins in step, README first, clean notebooks."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["dev"]
    pins = {}
    for dep in deps:
        name, _, version = dep.partition("==")
        assert version, f"{dep} is not pinned with =="
        pins[name.lower().replace("_", "-")] = version
    return pins


def test_environment_yml_mirrors_pyproject_pins():
    text = (ROOT / "environment.yml").read_text("utf-8")
    env = {
        m.group(1).lower().replace("_", "-"): m.group(2)
        for m in re.finditer(r"^\s*-\s*([A-Za-z0-9_.\-]+)==([^\s]+)\s*$", text, re.M)
    }
    assert env == _pyproject_pins()


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text("utf-8").splitlines() if line.strip()]
    head = "\n".join(lines[:8])
    assert "make demo" in head and "make test" in head
    assert head.index("make demo") < head.index("make test")


def test_notebooks_committed_without_outputs():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in notebooks:
        nb = json.loads(path.read_text("utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, path.name


def test_ci_runs_make_test():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci


def test_the_contract_is_in_the_repository_and_cited_there():
    """Every citation of the contract points at docs/contract.md, which holds the sections cited."""
    contract = (ROOT / "docs" / "contract.md").read_text("utf-8")
    sections = set(re.findall(r"^## (\d+)\.", contract, re.M))
    assert sections == {"1", "2", "3", "4", "5", "6"}
    texts = [p for p in [*ROOT.glob("sansong_analysis/**/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("docs/*.md"),
                         ROOT / "README.md"] if p.name != "contract.md"]
    cited = set()
    for path in texts:
        text = path.read_text("utf-8")
        outside = re.search(r"shared/CONTRACT|CONTRACT (§|section)", text)
        assert outside is None or path.name == "test_project.py", path
        cited |= set(re.findall(r"contract\.md`? §(\d)", text))
    assert cited and cited <= sections
