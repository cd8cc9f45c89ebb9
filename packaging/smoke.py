"""Smoke check of the frozen app (standard library only; any python3 runs it).

    python3 packaging/smoke.py [dist/allocator/allocator]

From a temporary folder outside the repository, with user folders pointed
into it and Qt on the offscreen platform, the built binary must:

1. print its version (``allocator --version``), equal to allocator.__version__;
2. list the themes (``allocator themes --json``), read from the bundled
   universe through importlib.resources;
3. optimise on the bundled offline sample
   (``allocator optimize --data sample --theme defense=0.25 -o ...``);
4. open the window and render it to a PNG (``allocator gui --screenshot``);
5. the same in Japanese (``--lang ja``): the bundled catalogue loads.

Prints one line per step with its wall time; exits non-zero on the first failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def expected_version() -> str:
    text = (REPO / "allocator" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M).group(1)


def run(step: str, cmd: list[str], cwd: Path, env: dict, timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        sys.exit(f"FAIL {step}: no answer within {timeout:.0f} s: {' '.join(cmd)}")
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(
            f"FAIL {step}: exit {proc.returncode}: {' '.join(cmd)}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"
        )
    return proc, seconds


def isolated_env(cwd: Path) -> dict[str, str]:
    """The environment for running a built app with fresh user folders under ``cwd``, offscreen."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "ALLOCATOR_HOME": str(cwd / "config"),
        "ALLOCATOR_CACHE_DIR": str(cwd / "cache"),
        "XDG_CONFIG_HOME": str(cwd / "xdg-config"),
        "XDG_CACHE_HOME": str(cwd / "xdg-cache"),
        "HOME": str(cwd / "home"),
    }
    (cwd / "home").mkdir(exist_ok=True)
    return env


def main(argv: list[str]) -> int:
    exe = Path(argv[1] if len(argv) > 1 else REPO / "dist" / "allocator" / "allocator").resolve()
    if not os.access(exe, os.X_OK):
        sys.exit(f"FAIL: {exe} is not an executable (run `make package` first)")
    with tempfile.TemporaryDirectory(prefix="allocator-smoke-") as tmp:
        cwd = Path(tmp)
        env = isolated_env(cwd)

        proc, s = run("version", [str(exe), "--version"], cwd, env, 60)
        want = expected_version()
        if want not in proc.stdout:
            sys.exit(f"FAIL version: printed {proc.stdout.strip()!r}, expected {want}")
        print(f"ok  version     {s:6.2f} s  {proc.stdout.strip()}")

        # The universe and the sample must come through importlib.resources
        # (allocator.resources inside the bundle); allocator.bundled's
        # source-checkout fallback (<bundle>/resources) must not exist.
        internal = exe.parent / "_internal"
        if internal.is_dir():
            if (internal / "resources").exists():
                sys.exit(f"FAIL layout: {internal / 'resources'} exists; resources belong in allocator/resources")
            if not (internal / "allocator" / "resources" / "universe.toml").is_file():
                sys.exit(f"FAIL layout: no allocator/resources/universe.toml in {internal}")

        proc, s = run("themes", [str(exe), "themes", "--json"], cwd, env, 60)
        themes = json.loads(proc.stdout)["themes"]
        n_assets = sum(len(t["assets"]) for t in themes)
        if len(themes) < 5 or n_assets < 30:
            sys.exit(f"FAIL themes: only {len(themes)} themes / {n_assets} assets")
        print(f"ok  themes      {s:6.2f} s  {len(themes)} themes, {n_assets} assets")

        out = cwd / "smoke.alloc.json"
        cmd = [str(exe), "optimize", "--data", "sample", "--theme", "defense=0.25", "-o", str(out)]
        proc, s = run("optimize", cmd, cwd, env, 180)
        doc = json.loads(out.read_text(encoding="utf-8"))
        if doc.get("format") != "allocator.allocation":
            sys.exit(f"FAIL optimize: {out} is not an allocation file")
        print(f"ok  optimize    {s:6.2f} s  wrote {out.name}")

        shot = cwd / "smoke.png"
        proc, s = run("screenshot", [str(exe), "gui", "--screenshot", str(shot)], cwd, env, 300)
        data = shot.read_bytes() if shot.exists() else b""
        if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 10_000:
            sys.exit(f"FAIL screenshot: {shot} missing or not a real PNG ({len(data)} bytes)\n{proc.stderr[-2000:]}")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        keep = os.environ.get("SMOKE_KEEP_SCREENSHOT")
        if keep:
            Path(keep).write_bytes(data)
        print(f"ok  screenshot  {s:6.2f} s  {width}x{height} PNG, {len(data) // 1024} KiB")

        # In Japanese (issue 14): the bundle's compiled catalogue must load (the app warns on
        # stderr when allocator_ja.qm is missing and stays in English), and the window differs.
        shot_ja = cwd / "smoke-ja.png"
        proc, s = run("screenshot-ja", [str(exe), "gui", "--lang", "ja", "--screenshot", str(shot_ja)], cwd, env, 300)
        data_ja = shot_ja.read_bytes() if shot_ja.exists() else b""
        if data_ja[:8] != b"\x89PNG\r\n\x1a\n" or len(data_ja) < 10_000:
            sys.exit(f"FAIL screenshot-ja: {shot_ja} missing or not a real PNG ({len(data_ja)} bytes)\n{proc.stderr[-2000:]}")
        if ".qm" in proc.stderr or "stays in English" in proc.stderr:
            sys.exit(f"FAIL screenshot-ja: the Japanese catalogue did not load\n{proc.stderr[-2000:]}")
        if data_ja == data:
            sys.exit("FAIL screenshot-ja: the Japanese window is the English one, byte for byte")
        if keep:
            Path(keep).with_suffix(".ja.png").write_bytes(data_ja)
        print(f"ok  japanese    {s:6.2f} s  catalogue loaded, {len(data_ja) // 1024} KiB PNG")
    print(f"smoke check passed: {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
