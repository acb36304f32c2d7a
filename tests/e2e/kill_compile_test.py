#!/usr/bin/python3
"""No lost work: kills `ingot compile` with SIGKILL at random points, many
times, and checks after each kill that the output folder holds exactly the
complete previous bundle or the complete new one (every file, byte for byte),
never a mix, a half-written file or a stray file.

Two models A and B (large initializers, so that writing takes a while) are
compiled alternately into one folder; before the kills, each is compiled
once into a reference bundle. Some rounds start with no folder at all (then
"previous" means: no folder). A final compile must leave no staging folder
behind from the killed runs.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import helper, numpy_helper


def make_model(path, seed, size):
    rng = np.random.default_rng(seed)
    w = numpy_helper.from_array(rng.standard_normal((size, size)).astype(np.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["h"], name="mm"), helper.make_node("Relu", ["h"], ["y"], name="relu")],
        "g", [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, size])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, size])], [w])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)


def snapshot(folder):
    """{name: bytes} of every file in the folder (None when there is no folder)."""
    if not os.path.exists(folder):
        return None
    files = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = os.path.join(root, name)
            if os.path.isdir(path):
                files[os.path.relpath(path, folder) + "/"] = b""
            else:
                with open(path, "rb") as f:
                    files[os.path.relpath(path, folder)] = f.read()
    return files


def describe(state, references):
    for name, files in references.items():
        if state == files:
            return name
    if state is None:
        return "none"
    return "a MIX: " + ", ".join("%s (%d bytes)" % (k, len(v)) for k, v in sorted(state.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=700, help="the models' weights are SIZE x SIZE floats")
    args = parser.parse_args()
    ingot = os.path.abspath(args.ingot)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="ingot-kill-")
    try:
        models = {}
        for name, seed, size in (("A", 1, args.size), ("B", 2, args.size + 100)):
            models[name] = os.path.join(work, name + ".onnx")
            make_model(models[name], seed, size)
        references = {}
        durations = []
        for name, model in models.items():
            for attempt in range(2):
                bundle = os.path.join(work, "ref-%s-%d" % (name, attempt))
                start = time.monotonic()
                subprocess.run([ingot, "compile", model, "-o", bundle], check=True, capture_output=True)
                durations.append(time.monotonic() - start)
                state = snapshot(bundle)
                if attempt == 1 and state != references[name]:
                    print("FAILED: compiling %s twice gives different bundles; the test cannot compare" % name)
                    return 1
                references[name] = state
        longest = max(durations)
        print("reference compiles take %.3f to %.3f s" % (min(durations), longest))

        parent = os.path.join(work, "out-parent")
        os.mkdir(parent)
        out = os.path.join(parent, "bundle")
        outcomes = {"previous kept": 0, "new complete": 0, "finished before the kill": 0}
        failures = []
        for round_ in range(args.kills):
            if round_ % 10 == 0:
                shutil.rmtree(out, ignore_errors=True)  # some rounds start from nothing
            previous = snapshot(out)
            previous_name = describe(previous, references)
            new_name = "B" if previous_name == "A" else "A"
            process = subprocess.Popen([ingot, "compile", models[new_name], "-o", out],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, longest * 1.1))
            finished = process.poll() is not None
            if not finished:
                process.send_signal(signal.SIGKILL)
            process.wait()
            after = snapshot(out)
            if finished:
                outcomes["finished before the kill"] += 1
                if after != references[new_name]:
                    failures.append("round %d: a finished compile left %s" % (round_, describe(after, references)))
            elif after == previous:
                outcomes["previous kept"] += 1
            elif after == references[new_name]:
                outcomes["new complete"] += 1
            else:
                failures.append("round %d: killed while replacing %s by %s, the folder holds %s" %
                                (round_, previous_name, new_name, describe(after, references)))
        # The next compile cleans what killed runs left beside the folder.
        subprocess.run([ingot, "compile", models["A"], "-o", out], check=True, capture_output=True)
        leftovers = sorted(set(os.listdir(parent)) - {"bundle"})
        if leftovers:
            failures.append("after a clean compile, staging files remain beside the bundle: %s" % leftovers)
        if snapshot(out) != references["A"]:
            failures.append("the final compile did not leave bundle A")

        # "-o folder/" names the folder, on the first compile and on a replacement.
        slashed = os.path.join(work, "slashed") + "/"
        for model in (models["A"], models["B"]):
            run = subprocess.run([ingot, "compile", model, "-o", slashed], capture_output=True, text=True)
            if run.returncode != 0:
                failures.append("-o with a trailing slash: exit %d: %s" % (run.returncode, run.stderr.strip()))
        if snapshot(slashed) != references["B"]:
            failures.append("-o with a trailing slash did not leave bundle B in the folder")

        print("%d kills: %s" % (args.kills, ", ".join("%s %d" % kv for kv in outcomes.items())))
        for line in failures:
            print("FAILED: " + line)
        if outcomes["previous kept"] == 0 or outcomes["new complete"] + outcomes["finished before the kill"] == 0:
            print("FAILED: the kills did not land on both sides of the swap; the test proves nothing")
            return 1
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
