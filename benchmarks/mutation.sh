#!/usr/bin/env bash
# Mutation testing (mutmut) of the ETL modules and the dashboard's pure helpers; not part of `make test`.
# Scope and test selection: [tool.mutmut] in pyproject.toml. Survivors judged equivalent: docs/mutation.md.
#   benchmarks/mutation.sh                   # a fresh full run (removes mutants/), then the score per module
#   benchmarks/mutation.sh 'etl.audit*'      # re-run only the matching mutants, keeping the other results
#   JOBS=1 benchmarks/mutation.sh            # worker processes (default: the number of cores)
# `python benchmarks/mutation_score.py --survivors` lists what is left; `.venv/bin/mutmut show NAME` shows a mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
# mutmut runs the tests inside mutants/, where ../shared/source is not beside the checkout
if [[ -z "${AIPLUS_SOURCE:-}" && -f ../shared/source/ai-plus-blue-book-2026.txt ]]; then
    export AIPLUS_SOURCE="$PWD/../shared/source/ai-plus-blue-book-2026.txt"
fi
if [[ $# -eq 0 ]]; then
    rm -rf mutants
fi
start=$(date +%s)
"$BIN/mutmut" run --max-children "${JOBS:-$(nproc)}" "$@" | tr '\r' '\n' | grep -v -e '^\s*$' -e '⠋\|⠙\|⠹\|⠸\|⠼\|⠴\|⠦\|⠧\|⠇\|⠏' || true
end=$(date +%s)
"$BIN/python" benchmarks/mutation_score.py --seconds $((end - start))
