#!/usr/bin/python3
"""End to end over the .pt2 fixtures (testdata/pt2, made by
scripts/make_pt2_fixtures.py with torch 2.6): every program, as training IR
and as Core ATen, is imported, compiled and run by `ingot`, and its outputs
are compared with torch's eager outputs recorded at export time.

Tolerance: |ingot - torch| <= ATOL + RTOL * |torch| elementwise, RTOL = 1e-4,
ATOL = 1e-5 (the absolute term covers outputs near zero). With --report, prints
the max absolute and relative error of every fixture."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "conformance"))
from declarations import undeclared  # noqa: E402

INGOT = None
REPORT = False
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(SOURCE, "testdata", "pt2")
RTOL, ATOL = 1e-4, 1e-5


def ingot(*args):
    return subprocess.run([INGOT, *args], capture_output=True, text=True, timeout=120)


def output_names(model):
    run = ingot("inspect", "--json", model)
    assert run.returncode == 0, run.stderr
    return [o["name"] for o in json.loads(run.stdout)["outputs"]]


def compile_and_run(test, archive, name, entry, extra=()):
    name = entry.get("reference", name)  # repackaged programs share their source's tensors
    model = os.path.join(DATA, archive)
    with tempfile.TemporaryDirectory() as tmp:
        bundle, out = os.path.join(tmp, "bundle"), os.path.join(tmp, "out")
        run = ingot("compile", model, "-o", bundle, *extra)
        test.assertEqual(run.returncode, 0, run.stderr)
        inputs = []
        for i, input_name in enumerate(entry["inputs"]):
            inputs += ["--input", "%s=%s" % (input_name, os.path.join(DATA, "%s.input.%d.npy" % (name, i)))]
        run = ingot("run", bundle, *inputs, "--output-dir", out)
        test.assertEqual(run.returncode, 0, run.stderr)
        names = output_names(model)
        test.assertEqual(len(names), entry["outputs"])
        worst = (0.0, 0.0)
        for i, output in enumerate(names):
            got = np.load(os.path.join(out, "".join(c if c.isalnum() or c in "._-" else "_" for c in output) + ".npy"))
            want = np.load(os.path.join(DATA, "%s.expected.%d.npy" % (name, i)))
            test.assertEqual(got.shape, want.shape, "%s output %d" % (archive, i))
            test.assertEqual(got.dtype, want.dtype, "%s output %d" % (archive, i))
            error = np.abs(got.astype(np.float64) - want.astype(np.float64))
            bad = error > ATOL + RTOL * np.abs(want)
            test.assertFalse(bad.any(), "%s output %d: %d of %d elements off, max error %g" % (
                archive, i, bad.sum(), bad.size, error.max()))
            relative = error / np.maximum(np.abs(want), 1e-30)
            worst = (max(worst[0], float(error.max(initial=0))), max(worst[1], float(relative.max(initial=0))))
        if REPORT:
            print("%-34s max abs error %.3g, max rel error %.3g" % (archive, worst[0], worst[1]))


class Fixtures(unittest.TestCase):
    def test_every_fixture_matches_torch(self):
        with open(os.path.join(DATA, "manifest.json")) as f:
            manifest = json.load(f)["models"]
        self.assertGreaterEqual(len(manifest), 8)
        for name, entry in sorted(manifest.items()):
            archives = [entry["archive"]] if "archive" in entry else ["%s.%s.pt2" % (name, kind) for kind in ("train", "core")]
            for archive in archives:
                with self.subTest(archive=archive):
                    compile_and_run(self, archive, name, entry)

    def test_every_emitted_core_op_is_declared(self):
        """Each .pt2 here imported (before any pass): every core op of the graph is among
        those its ATen op's converter declares, which is what ingot answers for an op
        list (ExecuTorch's selected_operators.yaml) without a program."""
        archives = sorted(a for a in os.listdir(DATA) if a.endswith(".pt2"))
        checked = 0
        for archive in archives:
            with self.subTest(archive=archive):
                run = ingot("inspect", "--json", os.path.join(DATA, archive))
                self.assertIn(run.returncode, (0, 2), run.stderr)  # 2: not an exported program (aoti_package)
                if run.returncode == 0:
                    problems, _ = undeclared(json.loads(run.stdout), "")
                    self.assertEqual(problems, [])
                    checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_symbolic_batch_bound_by_input_shape(self):
        """mlp_ln_dynamic was exported with a symbolic batch (hint 3): bound to 3 explicitly it
        matches torch; bound to 5 it compiles with the new shape."""
        with open(os.path.join(DATA, "manifest.json")) as f:
            entry = json.load(f)["models"]["mlp_ln_dynamic"]
        compile_and_run(self, "mlp_ln_dynamic.core.pt2", "mlp_ln_dynamic", entry, ("--input-shape", "x=3x32"))
        run = ingot("inspect", "--json", os.path.join(DATA, "mlp_ln_dynamic.core.pt2"), "--input-shape", "x=5x32")
        self.assertEqual(run.returncode, 0, run.stderr)
        report = json.loads(run.stdout)
        self.assertEqual(report["inputs"][0]["shape"], [5, 32])
        self.assertEqual(report["outputs"][0]["shape"], [5, 10])


def main():
    global INGOT, REPORT
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--report", action="store_true")
    args, rest = parser.parse_known_args()
    INGOT, REPORT = os.path.abspath(args.ingot), args.report
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2 if REPORT else 1)


if __name__ == "__main__":
    main()
