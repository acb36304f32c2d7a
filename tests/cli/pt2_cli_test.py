#!/usr/bin/python3
"""The `ingot` command on .pt2 archives: inspect, and the bad archives users
meet (truncated, a pickle global that is not tensor rebuilding, an
AOTInductor package, missing weights) each refused with exit 2 and one line
naming the file and what is wrong. Also the genuine torch 2.2-era sample in
../shared/testdata/pt2 when it is there (too large to keep in testdata/)."""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

INGOT = None
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(SOURCE, "testdata", "pt2")
HADES = os.path.join(os.path.dirname(SOURCE), "shared", "testdata", "pt2", "hades-pid", "exported_program.pt2")
if not os.path.exists(HADES):
    HADES = "/work/shared/testdata/pt2/hades-pid/exported_program.pt2"


def ingot(*args):
    return subprocess.run([INGOT, *args], capture_output=True, text=True, timeout=120)


def rewrite(source, target, replace=None, drop=()):
    """Copies the zip `source` to `target`, dropping and replacing entries."""
    replace = replace or {}
    with zipfile.ZipFile(source) as z_in, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z_out:
        for info in z_in.infolist():
            if info.filename in drop:
                continue
            z_out.writestr(info.filename, replace.get(info.filename, z_in.read(info.filename)))


class BadArchives(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def assert_clean_rejection(self, model, *fragments):
        for command in ("inspect", "compile"):
            args = [command, model] + (["-o", self.path("bundle")] if command == "compile" else [])
            run = ingot(*args)
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertEqual(run.stdout, "")
            lines = run.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, run.stderr)
            self.assertTrue(lines[0].startswith("ingot: error: " + model + ": "), lines[0])
            for fragment in fragments:
                self.assertIn(fragment, lines[0])
        self.assertFalse(os.path.exists(self.path("bundle")))

    def test_truncated(self):
        with open(os.path.join(DATA, "cnn_bn.core.pt2"), "rb") as f:
            data = f.read()
        for keep in (0, 100, len(data) // 2, len(data) - 10):
            model = self.path("truncated.pt2")
            with open(model, "wb") as f:
                f.write(data[:keep])
            self.assert_clean_rejection(model, "zip archive")

    def test_wrong_pickle_global(self):
        state = io.BytesIO()
        with zipfile.ZipFile(state, "w", zipfile.ZIP_STORED) as z:
            z.writestr("archive/data.pkl", b"\x80\x02cposix\nsystem\nX\x05\x00\x00\x00echo!\x85R.")
        model = self.path("evil.pt2")
        rewrite(os.path.join(DATA, "cnn_bn.core.pt2"), model, {"serialized_state_dict.pt": state.getvalue()})
        self.assert_clean_rejection(model, "serialized_state_dict.pt: data.pkl", "pickle global 'posix.system' is not allowed")

    def test_aotinductor_package(self):
        self.assert_clean_rejection(os.path.join(DATA, "aoti_package.pt2"), "an AOTInductor package", "torch.export.save")

    def test_missing_weights(self):
        model = self.path("no_weights.pt2")
        rewrite(os.path.join(DATA, "cnn_bn.core.pt2"), model, drop=("serialized_state_dict.pt",))
        self.assert_clean_rejection(model, "the weights are missing")
        model = self.path("no_storage.pt2")
        rewrite(os.path.join(DATA, "linear_2_9.pt2"), model, drop=("linear_3/data/weights/weight_1",))
        self.assert_clean_rejection(model, "linear.bias", "data/weights/weight_1", "missing")

    def test_not_an_export_archive(self):
        model = self.path("other.pt2")
        with zipfile.ZipFile(model, "w") as z:
            z.writestr("readme.txt", "hello")
        self.assert_clean_rejection(model, "not a torch.export program")


class Inspect(unittest.TestCase):
    def test_json_names_the_format_and_source_ops(self):
        run = ingot("inspect", "--json", os.path.join(DATA, "cnn_bn.core.pt2"))
        self.assertEqual(run.returncode, 0, run.stderr)
        report = json.loads(run.stdout)
        self.assertEqual(report["format"], "pt2")
        self.assertIn("aten.convolution.default", report["source_ops"]["histogram"])
        self.assertEqual(report["inputs"], [{"name": "x", "dtype": "f32", "shape": [2, 3, 16, 16]}])

    @unittest.skipUnless(os.path.exists(HADES), "the shared genuine samples are not here")
    def test_genuine_torch_2_2_archive(self):
        """hades-pid: schema 2, verbose unions, state dict named .json, exported in training mode."""
        run = ingot("inspect", HADES)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("buffer_mutation of 'class_classifier.1.running_mean'", run.stdout + run.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            run = ingot("compile", HADES, "-o", os.path.join(tmp, "b"))
            self.assertEqual(run.returncode, 0, run.stderr)


def main():
    global INGOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingot", required=True)
    args, rest = parser.parse_known_args()
    INGOT = os.path.abspath(args.ingot)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
