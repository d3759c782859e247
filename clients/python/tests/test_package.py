"""pyproject.toml builds a wheel that holds the package, at Herald's version."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

import herald

HERE = Path(__file__).resolve().parents[1]
ROOT = HERE.parents[1]


class PackageTest(unittest.TestCase):

    def test_the_wheel_builds_with_the_package_at_heralds_version(self) -> None:
        pom = (ROOT / "pom.xml").read_text()
        version = re.search(r"<artifactId>herald-parent</artifactId>\s*<version>([^<]+)</version>",
                            pom).group(1)
        self.assertEqual(herald.__version__, version)
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", out, str(HERE)], check=True, capture_output=True)
            wheels = list(Path(out).glob("*.whl"))
            self.assertEqual([w.name for w in wheels],
                             [f"herald_client-{version}-py3-none-any.whl"])
            names = zipfile.ZipFile(wheels[0]).namelist()
        for module in ("__init__", "client", "aio", "tokens", "types", "errors", "commands"):
            self.assertIn(f"herald/{module}.py", names)
        self.assertIn("herald/py.typed", names)
        self.assertFalse([n for n in names if n.startswith("tests/")])


if __name__ == "__main__":
    unittest.main()
