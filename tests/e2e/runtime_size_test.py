#!/usr/bin/python3
"""What an app that ships one model carries, as `ingot runtime --size-report`
measures it: the model's op set (`ingot ops`), a runtime of exactly those
kernels built for the target (-Os, stripped), and the bytes of its core and
kernels. Fails when the runtime (core + kernels), the stripped ingot-run or
the core alone is over its budget, or when --max-size does not exit 4 for a
budget one byte under the runtime's size.

    /usr/bin/python3 tests/e2e/runtime_size_test.py --ingot build/bin/ingot --model build/zoo/mobilenet_v2.onnx \\
        --target aarch64 --max-bytes 150000 --max-core-bytes 20000
"""
import argparse
import json
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--target", default="aarch64")
    parser.add_argument("--max-bytes", type=int, required=True, help="budget of the runtime and of the stripped ingot-run")
    parser.add_argument("--max-core-bytes", type=int, required=True, help="budget of the core (loader, executor)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        ops = f"{work}/ops.yaml"
        subprocess.run([args.ingot, "ops", args.model, "--target", args.target, "-o", ops], check=True,
                       capture_output=True)
        # --max-size is the runtime's own gate (exit 4); the rest is checked here.
        done = subprocess.run([args.ingot, "runtime", "--ops", ops, "-o", f"{work}/runtime", "--size-report", "--json",
                               "--max-size", str(args.max_bytes)], capture_output=True, text=True)
        if done.returncode not in (0, 4):
            sys.exit(f"ingot runtime failed ({done.returncode}):\n{done.stderr}")
        report = json.loads(done.stdout)
        # The gate itself: one byte under the runtime's size must exit 4.
        over = subprocess.run([args.ingot, "runtime", "--ops", ops, "-o", f"{work}/runtime", "--size-report",
                               "--max-size", str(report["runtime_bytes"] - 1)], capture_output=True, text=True)
    print(json.dumps(report, indent=1))
    problems = []
    if done.returncode == 4:
        problems.append(f"ingot runtime --max-size: {done.stderr.strip()}")
    if report["stripped_bytes"] > args.max_bytes:
        problems.append(f"the stripped ingot-run is {report['stripped_bytes']} bytes, over {args.max_bytes}")
    if report["core_bytes"] > args.max_core_bytes:
        problems.append(f"the core is {report['core_bytes']} bytes, over {args.max_core_bytes}")
    if over.returncode != 4 or "--max-size" not in over.stderr:
        problems.append(f"--max-size under the runtime's size exited {over.returncode}, not 4: {over.stderr.strip()}")
    if not report["kernels"] or any(kernel["bytes"] == 0 for kernel in report["kernels"]):
        problems.append("a kernel was not found in the binary")
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
