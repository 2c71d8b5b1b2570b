"""The README's Python example runs as written, from the checkout's top directory."""
import os
import re

from conftest import ROOT


def test_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("\n## Python\n"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1 and "catalog.check(op)" in blocks[0]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(blocks[0], "README.md", "exec"), {})
    finally:
        os.chdir(cwd)


def test_readme_failure_output_is_the_helpers():
    import json
    import sqlguard
    from sqlguard.testing import format_verdict

    readme = (ROOT / "README.md").read_text()
    shown = re.search(r"```text\n(expected the operation to be allowed\n.*?)```", readme, re.S)
    catalog = sqlguard.Catalog.load(ROOT / "corpus/examples/catalog.json")
    op = json.loads((ROOT / "corpus/examples/ops/denied_join_secret.json").read_text())
    assert shown.group(1) == ("expected the operation to be allowed\n"
                              + format_verdict(catalog.check(op)) + "\n")
