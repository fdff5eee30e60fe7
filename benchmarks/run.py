"""Run every benchmark in this folder: each `benchmarks/*.py` module with a `main()`.

make benchmark            # all of them
python benchmarks/run.py home events   # only these
"""

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"common", "run"}


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"benchmark_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(selected: list[str]) -> int:
    sys.path.insert(0, str(HERE))  # so that benchmarks can `from common import ...`
    paths = [p for p in sorted(HERE.glob("*.py")) if p.stem not in SKIP]
    if selected:
        paths = [p for p in paths if p.stem in selected]
    failed = []
    for path in paths:
        print(f"\n=== benchmarks/{path.name}", flush=True)
        started = time.monotonic()
        try:
            module = load(path)
            if not callable(getattr(module, "main", None)):
                print("(no main(); skipped)")
                continue
            sys.argv = [str(path)]  # a benchmark's own argument parser sees no arguments
            module.main()
        except Exception as exc:  # noqa: BLE001 - report and go on with the next one
            print(f"benchmarks/{path.name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed.append(path.name)
        print(f"(benchmarks/{path.name}: {time.monotonic() - started:.0f} s)", flush=True)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
