"""The mutation score of the last `make mutation` run, per module, from mutmut's results in mutants/.

A mutant counts as killed when a test failed on it (or it timed out: the change made the code loop).
Survivors listed in docs/mutation.md as equivalent (no test can tell them from the original) are left out
of the score and reported apart. Usage: python benchmarks/mutation_score.py [--seconds N] [--survivors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
DOC = ROOT / "docs" / "mutation.md"
KILLED = {"killed", "timeout"}


def equivalents() -> set[str]:
    """Mutant names listed in docs/mutation.md (a table row starting with `| \\`name\\``)."""
    if not DOC.exists():
        return set()
    return set(re.findall(r"^\|\s*`([\w.ǁ]+__mutmut_\d+)`", DOC.read_text(encoding="utf-8"), flags=re.M))


def results() -> dict[str, dict[str, str]]:
    """module -> {mutant name: status}"""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        module = str(meta.relative_to(MUTANTS))[: -len(".meta")]
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        out[module] = {name: status_by_exit_code[code] for name, code in codes.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, help="wall time of the run, to print with the score")
    ap.add_argument("--survivors", action="store_true", help="list the surviving mutants not listed as equivalent")
    args = ap.parse_args(argv)
    if not MUTANTS.exists():
        print("no mutants/ folder: run `make mutation` first", file=sys.stderr)
        return 2
    equiv = equivalents()
    total = Counter()
    left: list[str] = []
    print(f"{'module':28} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv.':>6} {'no test':>7} {'score':>7}")
    for module, by_name in results().items():
        c = Counter()
        for name, status in by_name.items():
            if status in KILLED:
                c["killed"] += 1
            elif status == "survived" and name in equiv:
                c["equivalent"] += 1
            elif status == "survived":
                c["survived"] += 1
                left.append(name)
            elif status == "no tests":
                c["no tests"] += 1
                left.append(name)
            else:
                c["other"] += 1
                left.append(name)
        c["mutants"] = len(by_name)
        total.update(c)
        print(_row(module, c))
    print(_row("all", total))
    if args.seconds is not None:
        print(f"run time: {args.seconds // 60} min {args.seconds % 60} s")
    if args.survivors:
        print("\n".join(["", "not killed and not listed as equivalent:", *left]) if left else "\nevery survivor is listed")
    return 0


def _row(module: str, c: Counter) -> str:
    counted = c["mutants"] - c["equivalent"]
    score = f"{100 * c['killed'] / counted:.1f} %" if counted else "–"
    return (f"{module:28} {c['mutants']:>7} {c['killed']:>7} {c['survived']:>8} {c['equivalent']:>6} "
            f"{c['no tests']:>7} {score:>7}")


if __name__ == "__main__":
    sys.exit(main())
