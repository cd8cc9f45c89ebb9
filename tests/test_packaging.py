"""Packaging: the wheel carries the code and every resource, and an installed
wheel runs the CLI on the offline sample from a folder outside the repository.

The wheel is built once per session from a copy of the source (pyproject,
README, allocator/, resources/) so the working tree is never touched, and
installed with ``--no-deps`` into a fresh venv that borrows the project venv's
third-party packages (numpy, cvxpy, PySide6, ...) through a ``.pth`` line
instead of downloading them again.  Building needs setuptools>=69 from the
package index (pip's build isolation), like ``make test``'s own install.
About 15 s in all.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

import allocator

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")


def _source_packages() -> set[str]:
    """Dotted names of allocator/ and every folder under it that holds Python files."""
    found = set()
    for py in (REPO / "allocator").rglob("*.py"):
        rel = py.parent.relative_to(REPO)
        if "__pycache__" not in rel.parts:
            found.add(".".join(rel.parts))
    return found


def _resource_files() -> list[str]:
    root = REPO / "resources"
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def _run(cmd, *, cwd, env=None, timeout=180) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


# --------------------------------------------------------------------------- config, no build
def _resource_packages() -> set[str]:
    """allocator.resources and one package per folder of resources/ holding files."""
    return {
        ".".join(("allocator", "resources", *Path(f).parent.parts)) for f in _resource_files()
    }


def test_pyproject_lists_every_subpackage():
    """An explicit package list (needed for the resources remapping) must not miss one, nor name one that is absent."""
    listed = set(SETUPTOOLS["packages"])
    found = _source_packages() | _resource_packages()
    assert not found - listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
    assert not listed - found, f"listed in pyproject.toml but absent from the tree: {sorted(listed - found)}"
    assert SETUPTOOLS["package-dir"]["allocator.resources"] == "resources"


def test_package_data_covers_every_resource():
    package_data = SETUPTOOLS["package-data"]
    missing = []
    for f in _resource_files():
        if f.endswith(".py"):
            continue
        rel = Path(f)
        package = ".".join(("allocator", "resources", *rel.parent.parts))
        if not any(fnmatch.fnmatch(rel.name, pat) for pat in package_data.get(package, [])):
            missing.append(f)
    assert not missing, f"resources/ files no package-data pattern ships: {missing}"


def test_desktop_entry_and_icons_present():
    desktop = (REPO / "resources" / "allocator.desktop").read_text(encoding="utf-8")
    assert desktop.startswith("[Desktop Entry]\n")
    keys = dict(line.split("=", 1) for line in desktop.splitlines()[1:] if "=" in line)
    assert keys["Type"] == "Application" and keys["Name"] == allocator.APP_NAME
    assert keys["Icon"] == "allocator" and keys["Exec"].startswith("allocator gui")
    icons = REPO / "resources" / "icons"
    assert (icons / "allocator.svg").is_file()
    for n in (16, 24, 32, 48, 64, 128, 256, 512):
        png = (icons / f"allocator-{n}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == n and int.from_bytes(png[20:24], "big") == n


# --------------------------------------------------------------------------- the built wheel
@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for name in ("allocator", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=_IGNORE)
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(src)], cwd=tmp)
    (wheel,) = dist.glob("allocator-*.whl")
    return wheel


def test_wheel_contents(built_wheel):
    assert built_wheel.name.startswith(f"allocator-{allocator.__version__}-py3-none-any")
    names = set(zipfile.ZipFile(built_wheel).namelist())
    code = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "allocator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert not code - names, f"modules missing from the wheel: {sorted(code - names)}"
    resources = {f"allocator/resources/{f}" for f in _resource_files()}
    assert not resources - names, f"resources missing from the wheel: {sorted(resources - names)}"
    for must in (
        "allocator/resources/universe.toml",
        "allocator/resources/sample/prices.csv.gz",
        "allocator/resources/sample/meta.json",
        "allocator/resources/icons/allocator.svg",
        "allocator/resources/icons/allocator-256.png",
        "allocator/resources/allocator.desktop",
    ):
        assert must in names
    assert not [n for n in names if n.startswith(("tests/", "resources/", "packaging/", "bench/"))]
    entry_points = zipfile.ZipFile(built_wheel).read(
        f"allocator-{allocator.__version__}.dist-info/entry_points.txt"
    ).decode()
    assert "allocator = allocator.cli:main" in entry_points
    assert "allocator-gui = allocator.cli:gui_main" in entry_points


@pytest.fixture(scope="module")
def installed(built_wheel, tmp_path_factory) -> dict:
    """A fresh venv with only the wheel installed (deps borrowed from the project venv)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    py = venv / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # A plain path line: the project venv's packages become importable, but its
    # .pth files (the editable allocator finder among them) are not executed.
    (site / "zz_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps", "--no-index", str(built_wheel)],
        cwd=venv.parent,
    )
    outside = tmp_path_factory.mktemp("elsewhere")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return {"venv": venv, "py": py, "site": site, "cwd": outside, "env": env}


def test_installed_wheel_imports_from_site_packages(installed):
    out = _run(
        [
            str(installed["py"]),
            "-c",
            "import allocator, allocator.gui, allocator.bundled as b; "
            "print(allocator.__file__); print(b.resource('universe.toml')); "
            "print(b.resource('sample', 'prices.csv.gz').is_file(), b.resource('icons', 'allocator.svg').is_file())",
        ],
        cwd=installed["cwd"],
        env=installed["env"],
    ).stdout.splitlines()
    site = str(installed["site"])
    assert out[0].startswith(site), f"allocator imported from {out[0]}, not the installed wheel"
    assert out[1].startswith(site), f"resources read from {out[1]}, not the installed wheel"
    assert out[2] == "True True"


def test_installed_wheel_runs_cli_outside_repo(installed, tmp_path):
    env = installed["env"] | {
        "ALLOCATOR_HOME": os.environ["ALLOCATOR_HOME"],
        "ALLOCATOR_CACHE_DIR": os.environ["ALLOCATOR_CACHE_DIR"],
    }
    exe = installed["venv"] / "bin" / "allocator"
    cwd = installed["cwd"]

    version = _run([str(exe), "--version"], cwd=cwd, env=env).stdout
    assert allocator.__version__ in version

    themes = json.loads(_run([str(exe), "themes", "--json"], cwd=cwd, env=env).stdout)
    keys = {t["key"] for t in themes["themes"]}
    assert {"defense", "semis_ai", "japan_core"} <= keys
    assert sum(len(t["assets"]) for t in themes["themes"]) >= 35

    out = cwd / "x.alloc.json"
    csv = cwd / "x.csv"
    _run(
        [str(exe), "optimize", "--data", "sample", "--theme", "defense=0.25", "-o", str(out), "--csv", str(csv)],
        cwd=cwd,
        env=env,
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "allocator.allocation"
    assert "simulated sample" in out.read_text(encoding="utf-8").lower()
    assert csv.read_text(encoding="utf-8").strip()
    assert (installed["venv"] / "bin" / "allocator-gui").is_file()


def test_sdist_carries_resources(tmp_path):
    pytest.importorskip("build", reason="`build` is in the package extra (pip install -e '.[package]'); make wheel runs it")
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for name in ("allocator", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=_IGNORE)
    _run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "dist"), str(src)], cwd=tmp_path)
    import tarfile

    (sdist,) = (tmp_path / "dist").glob("allocator-*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    for f in _resource_files():
        assert f"resources/{f}" in names, f"resources/{f} missing from the sdist"


def test_install_desktop_script(tmp_path):
    """packaging/install-desktop.sh (source-tree mode) installs and removes the entry, icons and file type."""
    data = tmp_path / "share"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = REPO / "packaging" / "install-desktop.sh"
    _run(["sh", str(script)], cwd=tmp_path, env=env)
    desktop = (data / "applications" / "allocator.desktop").read_text(encoding="utf-8")
    assert "\nExec=allocator gui %f\n" in desktop and "\nMimeType=application/x-allocator+json;\n" in desktop
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "allocator.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "allocator.svg").is_file()
    assert "*.alloc.json" in (data / "mime" / "packages" / "allocator.xml").read_text(encoding="utf-8")
    _run(["sh", str(script), "--uninstall"], cwd=tmp_path, env=env)
    assert not (data / "applications" / "allocator.desktop").exists()
    assert not (data / "icons" / "hicolor" / "48x48" / "apps" / "allocator.png").exists()
