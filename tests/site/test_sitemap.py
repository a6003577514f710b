"""The sitemap after an incremental build lists every page, each once (site_layer/sitemap.py)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / "_ext")!r})
extensions = ["sphinx_sitemap", "site_layer.sitemap"]
html_baseurl = "https://example.org/"
sitemap_url_scheme = "{{link}}"
sitemap_excludes = ["search.html", "genindex.html"]
"""


def build(src: Path, out: Path, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "-q", *args,
                           str(src), str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return re.findall(r"<loc>([^<]*)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_incremental_build_lists_the_pages_it_did_not_write(tmp_path: Path, jobs: str) -> None:
    src = tmp_path / "src"
    (src / "talks").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n   :glob:\n\n   talks/*\n", encoding="utf-8")
    for name in ("one", "two", "three"):
        (src / "talks" / f"{name}.rst").write_text(f"{name.title()}\n=====\n\nWords.\n", encoding="utf-8")
    fresh = build(src, tmp_path / "out", "-j", jobs)
    assert fresh == [f"https://example.org/{page}.html"
                     for page in ("index", "talks/one", "talks/three", "talks/two")]
    time.sleep(1.1)  # the edit is newer than the build
    (src / "talks" / "two.rst").write_text("Two\n===\n\nOther words.\n", encoding="utf-8")
    again = build(src, tmp_path / "out", "-j", jobs)
    assert again == fresh
