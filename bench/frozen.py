"""Size and start-up time of the frozen app (dist/allocator, built by `make package`).

    .venv/bin/python bench/frozen.py [dist/allocator/allocator] [--runs N]

Measures, from a temporary folder with fresh user folders and Qt offscreen:
  * the one-folder build's size on disk (and as a .tar.gz) and its file count;
  * wall time to `allocator --version` (Python start + CLI import);
  * wall time to `allocator themes --json` (reads the bundled universe);
  * wall time to `allocator gui --screenshot` (Qt, window, first optimisation,
    rendered PNG), the whole process from exec to exit;
and the same commands through the development venv for comparison.  The first
run of each command is reported apart (cold file cache for the frozen folder
only if the OS dropped it; no attempt is made to drop caches).  Prints a
Markdown table for bench/RESULTS.md.  Timings are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from smoke import isolated_env  # noqa: E402  (one definition of the isolated run)

REPO = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}"


def folder_size(root: Path) -> tuple[int, int]:
    total = files = 0
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stderr[-2000:]}")
    return seconds


def series(cmd: list[str], runs: int, cwd: Path, env: dict) -> tuple[float, float, float]:
    first = timed(cmd, cwd, env)
    rest = [timed(cmd, cwd, env) for _ in range(runs)]
    return first, statistics.median(rest), min(rest)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("exe", nargs="?", default=str(REPO / "dist" / "allocator" / "allocator"))
    ap.add_argument("--runs", type=int, default=5, help="warm runs per command (after the first)")
    ap.add_argument("--gui-runs", type=int, default=3)
    args = ap.parse_args()
    exe = Path(args.exe).resolve()
    dev = Path(sys.executable).parent / "allocator"

    size, files = folder_size(exe.parent)
    with tempfile.TemporaryDirectory(prefix="allocator-bench-") as tmp:
        cwd = Path(tmp)
        tgz = cwd / "allocator.tar.gz"
        with tarfile.open(tgz, "w:gz") as tar:
            tar.add(exe.parent, arcname="allocator")
        tgz_size = tgz.stat().st_size
        tgz.unlink()
        env = isolated_env(cwd)
        shot = str(cwd / "shot.png")
        rows = []
        for label, binary in (("frozen", exe), ("dev venv", dev)):
            for what, cmd, runs in (
                ("`--version`", [str(binary), "--version"], args.runs),
                ("`themes --json`", [str(binary), "themes", "--json"], args.runs),
                ("`gui --screenshot`", [str(binary), "gui", "--screenshot", shot], args.gui_runs),
            ):
                first, median, best = series(cmd, runs, cwd, env)
                rows.append((label, what, first, median, best, runs))
                print(f"{label:9s} {what:22s} first {first:6.2f} s  median {median:6.2f} s  best {best:6.2f} s", file=sys.stderr)

    print(f"Machine: {machine()}\n")
    print(f"Frozen folder `{exe.parent.name}/`: {size / 2**20:.0f} MiB on disk in {files} files; "
          f"{tgz_size / 2**20:.0f} MiB as .tar.gz\n")
    print("| build | command | first run | median (warm) | best | warm runs |")
    print("|---|---|---:|---:|---:|---:|")
    for label, what, first, median, best, runs in rows:
        print(f"| {label} | {what} | {first:.2f} s | {median:.2f} s | {best:.2f} s | {runs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
