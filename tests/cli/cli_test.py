#!/usr/bin/python3
"""The `ingot` command as a user meets it: help, exit codes, messages, the
three renderings of `inspect`, and deterministic output."""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

INGOT = None
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(SOURCE, "testdata", "tiny_cnn.onnx")
INPUT = os.path.join(SOURCE, "testdata", "tiny_cnn.input.npy")
EXPECTED = os.path.join(SOURCE, "testdata", "tiny_cnn.expected.npy")


def ingot(*args):
    return subprocess.run([INGOT, *args], capture_output=True, text=True, timeout=60)


class Usage(unittest.TestCase):
    def test_help_explains_the_commands(self):
        run = ingot("--help")
        self.assertEqual(run.returncode, 0)
        self.assertIn("inspect", run.stdout)

    def test_inspect_help_explains_the_options(self):
        run = ingot("inspect", "--help")
        self.assertEqual(run.returncode, 0)
        for option in ("--json", "--ir", "--dot", "--input-shape"):
            self.assertIn(option, run.stdout)

    def test_no_command_is_a_usage_error(self):
        self.assertEqual(ingot().returncode, 1)

    def test_unknown_option_is_a_usage_error(self):
        self.assertEqual(ingot("inspect", MODEL, "--bogus").returncode, 1)

    def test_missing_model_argument_is_a_usage_error(self):
        self.assertEqual(ingot("inspect").returncode, 1)

    def test_two_renderings_at_once_is_a_usage_error(self):
        self.assertEqual(ingot("inspect", MODEL, "--json", "--dot").returncode, 1)

    def test_malformed_input_shape_is_a_usage_error(self):
        run = ingot("inspect", MODEL, "--input-shape", "image=1x3xx32")
        self.assertEqual(run.returncode, 1)
        self.assertIn("NAME=1x3x224x224", run.stderr)

    def test_input_shape_for_an_unknown_input_is_a_usage_error(self):
        run = ingot("inspect", MODEL, "--input-shape", "nope=1x3")
        self.assertEqual(run.returncode, 1)
        self.assertIn("'nope'", run.stderr)


class BadModels(unittest.TestCase):
    def assert_clean_rejection(self, run, *fragments):
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertEqual(run.stdout, "")
        lines = run.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, run.stderr)
        self.assertTrue(lines[0].startswith("ingot: error: "), lines[0])
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    def test_missing_file(self):
        self.assert_clean_rejection(ingot("inspect", "/no/such/model.onnx"), "/no/such/model.onnx", "no such file")

    def test_not_a_model(self):
        with tempfile.NamedTemporaryFile(suffix=".onnx") as f:
            f.write(b"\x00\x01garbage" * 100)
            f.flush()
            self.assert_clean_rejection(ingot("inspect", f.name), f.name, "not an ONNX model")

    def test_truncated_model(self):
        with open(MODEL, "rb") as f:
            data = f.read()
        with tempfile.NamedTemporaryFile(suffix=".onnx") as f:
            f.write(data[: len(data) // 2])
            f.flush()
            self.assert_clean_rejection(ingot("inspect", f.name), f.name)


class Inspect(unittest.TestCase):
    def test_text_report(self):
        run = ingot("inspect", MODEL)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("image                    f32[1,3,32,32]", run.stdout)
        self.assertIn("Conv                          3", run.stdout)

    def test_json_report_agrees_with_the_model(self):
        run = ingot("inspect", "--json", MODEL)
        self.assertEqual(run.returncode, 0, run.stderr)
        report = json.loads(run.stdout)
        self.assertEqual(report["schema"], "ingot.inspect/1")
        self.assertEqual(report["inputs"], [{"name": "image", "dtype": "f32", "shape": [1, 3, 32, 32]}])
        self.assertEqual(report["outputs"], [{"name": "probabilities", "dtype": "f32", "shape": [1, 10]}])
        self.assertEqual(report["source_ops"]["total"], 11)
        # Weights: stem 8*3*3*3, bn 4*8, depthwise 8*9+8, pointwise 8*8+8, fc 10*8+10, two clip bounds.
        self.assertEqual(report["parameters"]["count"], 216 + 32 + 80 + 72 + 90 + 2)
        self.assertEqual(report["parameters"]["bytes"], 4 * report["parameters"]["count"])

    def test_json_is_deterministic(self):
        first = ingot("inspect", "--json", MODEL).stdout
        second = ingot("inspect", "--json", MODEL).stdout
        self.assertEqual(first, second)

    def test_dot_is_graphviz(self):
        run = ingot("inspect", "--dot", MODEL)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(run.stdout.startswith('digraph "tiny_cnn" {'))
        self.assertTrue(run.stdout.rstrip().endswith("}"))
        self.assertIn('"out:probabilities"', run.stdout)

    def test_ir_text(self):
        run = ingot("inspect", "--ir", MODEL)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(run.stdout.startswith("graph @tiny_cnn("), run.stdout[:80])
        self.assertIn("return %probabilities", run.stdout)



class PassPipeline(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.bundle = os.path.join(self.work.name, "bundle")

    def tearDown(self):
        self.work.cleanup()

    def report(self):
        with open(os.path.join(self.bundle, "report.json")) as f:
            return json.load(f)

    def test_report_says_what_each_pass_did_and_how_memory_was_planned(self):
        run = ingot("compile", MODEL, "-o", self.bundle)
        self.assertEqual(run.returncode, 0, run.stderr)
        report = self.report()
        self.assertEqual([p["name"] for p in report["passes"]], ["canonicalize", "lower-qdq", "decompose", "fuse", "pack-weights"])
        self.assertEqual(report["passes"][0]["changes"]["batch_norm folded into weights"], 1)
        self.assertEqual(report["passes"][3]["changes"]["fused conv+relu"], 1)
        self.assertEqual(report["node_count"]["compiled"], len(report["nodes"]))
        self.assertLess(report["node_count"]["compiled"], report["node_count"]["imported"])
        self.assertNotIn("batch_norm", [n["op"] for n in report["nodes"]])
        memory = report["memory"]
        self.assertLessEqual(memory["lower_bound_bytes"], memory["arena_bytes"])
        self.assertLess(memory["arena_bytes"], memory["naive_bytes"])
        self.assertEqual(memory["arena_bytes"], report["sizes"]["arena_bytes"])

    def test_disable_pass_skips_it(self):
        run = ingot("compile", MODEL, "-o", self.bundle, "--disable-pass", "canonicalize", "--disable-pass", "fuse")
        self.assertEqual(run.returncode, 0, run.stderr)
        report = self.report()
        self.assertEqual([p["ran"] for p in report["passes"]], [False, True, True, False, True])
        self.assertIn("batch_norm", [n["op"] for n in report["nodes"]])
        self.assertNotIn("fused_activation", json.dumps(report["nodes"]))
        # Without pack-weights the convs keep their weights' order and their unpacked kernels.
        run = ingot("compile", MODEL, "-o", self.bundle, "--target", "x86-64", "--disable-pass", "pack-weights")
        self.assertEqual(run.returncode, 0, run.stderr)
        kernels = {n["name"]: n["kernel"] for n in self.report()["nodes"]}
        self.assertEqual(kernels["pointwise_conv"], "conv.pointwise.f32.avx2")
        self.assertEqual(kernels["stem_conv"], "conv.direct.f32.avx2")  # never packed

    def test_print_ir_after_goes_to_stderr(self):
        run = ingot("compile", MODEL, "-o", self.bundle, "--print-ir-after", "canonicalize",
                    "--print-ir-after", "fuse")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(run.stderr.startswith("// IR after canonicalize\ngraph @tiny_cnn("), run.stderr[:80])
        self.assertIn("// IR after fuse\n", run.stderr)
        self.assertIn('activation = "relu"', run.stderr.split("// IR after fuse")[1])
        self.assertTrue(run.stdout.startswith("compiled "))

    def test_unknown_pass_is_a_usage_error_naming_the_passes(self):
        for option in ("--disable-pass", "--print-ir-after"):
            run = ingot("compile", MODEL, "-o", self.bundle, option, "fold")
            self.assertEqual(run.returncode, 1)
            self.assertIn("fold: no such pass (the passes are: canonicalize, lower-qdq, decompose, fuse, pack-weights)", run.stderr)
            self.assertFalse(os.path.exists(self.bundle))


def cpu_has(*flags):
    with open("/proc/cpuinfo") as f:
        present = set(next((line for line in f if line.startswith("flags")), "").split())
    return all(flag in present for flag in flags)


class TargetsAndFallbackReport(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.bundle = os.path.join(self.work.name, "bundle")

    def tearDown(self):
        self.work.cleanup()

    def test_unknown_target_is_a_usage_error_naming_the_targets(self):
        run = ingot("compile", MODEL, "-o", self.bundle, "--target", "arm")
        self.assertEqual(run.returncode, 1)
        self.assertIn("known: portable, x86-64, x86-64-avx512, aarch64, aarch64-dotprod, host", run.stderr)

    def test_portable_reports_no_fallback(self):
        run = ingot("compile", MODEL, "-o", self.bundle, "--fail-on-fallback")
        self.assertEqual(run.returncode, 0, run.stderr)

    @unittest.skipUnless(cpu_has("avx2", "fma"), "needs AVX2 and FMA")
    def test_x86_target_picks_optimized_kernels_and_says_why_not(self):
        import numpy as np
        run = ingot("compile", MODEL, "-o", self.bundle, "--target", "x86-64", "--report-format", "md")
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(self.bundle, "report.json")) as f:
            report = json.load(f)
        self.assertEqual(report["target"], "x86-64")
        by_name = {n["name"]: n for n in report["nodes"]}
        self.assertEqual(by_name["residual_add"]["kernel"], "add.vec.f32.avx2")
        self.assertTrue(by_name["residual_add"]["optimized"])
        # Constant conv weights are packed at compile time for the kernel's 6-row panels.
        self.assertEqual(by_name["pointwise_conv"]["kernel"], "conv.pointwise_packed.f32.avx2")
        # 16x16 planes of 8 channels: the channel-interleaved kernel takes them.
        self.assertEqual(by_name["depthwise_conv"]["kernel"], "conv.depthwise_interleaved.f32.avx2")
        # 3 input channels: the direct kernel, weights as they are.
        self.assertEqual(by_name["stem_conv"]["kernel"], "conv.direct.f32.avx2")
        self.assertEqual(by_name["pool"]["kernel"], "global_avg_pool.vec.f32.avx2")
        self.assertEqual(by_name["softmax"]["kernel"], "softmax.row.f32.avx2")
        self.assertEqual(by_name["flatten"]["kernel"], "reshape.portable")
        self.assertEqual(by_name["flatten"]["fallback_reason"], "no x86-64 kernel for reshape yet")
        self.assertEqual(report["optimized_mac_share"], 1)
        self.assertIn("| # | node | source op | op | kernel | MACs | why not optimized |", run.stdout)
        self.assertIn("no x86-64 kernel for reshape yet", run.stdout)
        self.assertIn("MACs on optimized kernels:", run.stdout)
        out = os.path.join(self.work.name, "out")
        ran = ingot("run", self.bundle, "--input", "image=" + INPUT, "--output-dir", out)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        np.testing.assert_allclose(np.load(os.path.join(out, "probabilities.npy")), np.load(EXPECTED), rtol=1e-4, atol=1e-6)

    def test_aarch64_target_picks_neon_kernels_and_names_itself_in_fallbacks(self):
        # Compiling for ARM works on any host; running needs an ARM CPU (the
        # aarch64 end-to-end test runs these programs under qemu).
        for target in ("aarch64", "aarch64-dotprod"):
            run = ingot("compile", MODEL, "-o", self.bundle, "--target", target)
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(self.bundle, "report.json")) as f:
                report = json.load(f)
            self.assertEqual(report["target"], target)
            by_name = {n["name"]: n for n in report["nodes"]}
            self.assertEqual(by_name["residual_add"]["kernel"], "add.vec.f32.neon")
            self.assertEqual(by_name["pointwise_conv"]["kernel"], "conv.pointwise_packed.f32.neon")
            self.assertEqual(by_name["depthwise_conv"]["kernel"], "conv.depthwise_interleaved.f32.neon")
            self.assertEqual(by_name["softmax"]["kernel"], "softmax.row.f32.neon")
            self.assertEqual(by_name["stem_conv"]["kernel"], "conv.direct.f32.neon")
            self.assertEqual(by_name["flatten"]["fallback_reason"], f"no {target} kernel for reshape yet")
        if not cpu_has("neon"):
            run = ingot("run", self.bundle, "--input", "image=" + INPUT)
            self.assertEqual(run.returncode, 2)
            self.assertIn("needs the CPU feature neon; this CPU lacks it", run.stderr)

    @unittest.skipUnless(cpu_has("avx2", "fma"), "needs AVX2 and FMA")
    def conv1d_model(self):
        """A 1-D convolution (no x86 kernel yet: MACs on the fallback) and a relu."""
        import numpy as np
        import onnx
        from onnx import TensorProto, helper, numpy_helper
        w = numpy_helper.from_array(np.ones((8, 4, 3), np.float32), "w")
        graph = helper.make_graph(
            [helper.make_node("Conv", ["x", "w"], ["c"], name="conv1d", pads=[1, 1]),
             helper.make_node("Relu", ["c"], ["y"], name="relu")],
            "conv1d", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 16])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16])], [w])
        path = os.path.join(self.work.name, "conv1d.onnx")
        onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
        return path

    @unittest.skipUnless(cpu_has("avx2", "fma"), "needs AVX2 and FMA")
    def test_fallback_policies_exit_4_and_still_write_the_bundle(self):
        run = ingot("compile", MODEL, "-o", self.bundle, "--target", "x86-64", "--fail-on-fallback")
        self.assertEqual(run.returncode, 4)
        self.assertIn("--fail-on-fallback:", run.stderr)
        self.assertIn("the first node 'flatten' (reshape): no x86-64 kernel for reshape yet", run.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.bundle, "report.json")))
        self.assertEqual(ingot("compile", MODEL, "-o", self.bundle, "--target", "x86-64", "--max-fallback", "0").returncode, 0)
        conv1d = self.conv1d_model()
        self.assertEqual(ingot("compile", conv1d, "-o", self.bundle, "--target", "x86-64", "--max-fallback", "100").returncode, 0)
        run = ingot("compile", conv1d, "-o", self.bundle, "--target", "x86-64", "--max-fallback", "5")
        self.assertEqual(run.returncode, 4)
        self.assertRegex(run.stderr, r"--max-fallback 5: [0-9.]+% of the MACs run on fallback kernels")
        self.assertEqual(ingot("compile", MODEL, "-o", self.bundle, "--max-fallback", "101").returncode, 1)

    def test_a_program_for_a_missing_isa_is_refused_at_load(self):
        # Rewrite the required feature of an x86 program to one no CPU has:
        # the loader must name it rather than run kernels the CPU cannot.
        if not cpu_has("avx2", "fma"):
            self.skipTest("needs AVX2 and FMA")
        self.assertEqual(ingot("compile", MODEL, "-o", self.bundle, "--target", "x86-64").returncode, 0)
        path = os.path.join(self.bundle, "model.ingot")
        with open(path, "rb") as f:
            data = f.read()
        self.assertIn(b"avx2", data)
        with open(path, "wb") as f:
            f.write(data.replace(b"avx2", b"avx9", 1))
        run = ingot("run", self.bundle, "--input", "image=" + INPUT)
        self.assertEqual(run.returncode, 2)
        self.assertIn("needs the CPU feature avx9; this CPU lacks it", run.stderr)

class CompileAndRun(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.TemporaryDirectory()
        self.bundle = os.path.join(self.work.name, "bundle")

    def tearDown(self):
        self.work.cleanup()

    def compile(self, model=MODEL, bundle=None):
        return ingot("compile", model, "-o", bundle or self.bundle)

    def test_output_matches_the_numpy_reference(self):
        import numpy as np
        self.assertEqual(self.compile().returncode, 0)
        out = os.path.join(self.work.name, "out")
        run = ingot("run", self.bundle, "--input", "image=" + INPUT, "--output-dir", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        actual = np.load(os.path.join(out, "probabilities.npy"))
        np.testing.assert_allclose(actual, np.load(EXPECTED), rtol=1e-4, atol=1e-6)

    def test_bundle_and_report(self):
        self.assertEqual(self.compile().returncode, 0)
        self.assertEqual(sorted(os.listdir(self.bundle)), ["model.ingot", "report.json"])
        with open(os.path.join(self.bundle, "report.json")) as f:
            report = json.load(f)
        self.assertEqual(report["schema"], "ingot.compile/1")
        self.assertEqual(report["sizes"]["program_bytes"], os.path.getsize(os.path.join(self.bundle, "model.ingot")))
        self.assertEqual({n["kernel"] for n in report["nodes"]} >= {"conv.portable", "softmax.portable"}, True)
        with open(os.path.join(self.bundle, "model.ingot"), "rb") as f:
            self.assertEqual(f.read(12)[8:12], b"INGT")  # after the size prefix and root offset

    def test_compiling_twice_gives_identical_bytes(self):
        # Every model in testdata/ but the AOTInductor package, which is there
        # to be refused.
        models = sorted(m for m in glob.glob(os.path.join(SOURCE, "testdata", "**", "*.onnx"), recursive=True) +
                        glob.glob(os.path.join(SOURCE, "testdata", "**", "*.pt2"), recursive=True)
                        if not os.path.basename(m).startswith("aoti_"))
        self.assertIn(MODEL, models)
        for model in models:
            first = os.path.join(self.work.name, "first")
            second = os.path.join(self.work.name, "second")
            self.assertEqual(self.compile(model=model, bundle=first).returncode, 0, model)
            self.assertEqual(self.compile(model=model, bundle=second).returncode, 0, model)
            for name in ("model.ingot", "report.json"):
                with open(os.path.join(first, name), "rb") as a, open(os.path.join(second, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), f"{model}: {name}")

    def test_failed_compile_leaves_the_previous_bundle_alone(self):
        self.assertEqual(self.compile().returncode, 0)
        with open(os.path.join(self.bundle, "model.ingot"), "rb") as f:
            before = f.read()
        broken = os.path.join(self.work.name, "broken.onnx")
        with open(broken, "wb") as f:
            f.write(b"not a model")
        self.assertEqual(self.compile(model=broken).returncode, 2)
        with open(os.path.join(self.bundle, "model.ingot"), "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(sorted(os.listdir(self.work.name)), ["broken.onnx", "bundle"])

    def test_failed_compile_creates_nothing(self):
        broken = os.path.join(self.work.name, "broken.onnx")
        with open(broken, "wb") as f:
            f.write(b"not a model")
        self.assertEqual(self.compile(model=broken).returncode, 2)
        self.assertFalse(os.path.exists(self.bundle))

    def test_wrong_input_name_shape_or_missing_input(self):
        import numpy as np
        self.assertEqual(self.compile().returncode, 0)
        run = ingot("run", self.bundle, "--input", "picture=" + INPUT)
        self.assertEqual(run.returncode, 2)
        self.assertIn("no input 'picture' (its inputs: image)", run.stderr)
        small = os.path.join(self.work.name, "small.npy")
        np.save(small, np.zeros((1, 3, 16, 16), np.float32))
        run = ingot("run", self.bundle, "--input", "image=" + small)
        self.assertEqual(run.returncode, 2)
        self.assertIn("input 'image' expects f32[1,3,32,32]", run.stderr)
        run = ingot("run", self.bundle)
        self.assertEqual(run.returncode, 2)
        self.assertIn("input 'image' is not given; it expects f32[1,3,32,32]", run.stderr)

    def test_timing(self):
        self.assertEqual(self.compile().returncode, 0)
        run = ingot("run", self.bundle, "--input", "image=" + INPUT, "--repeat", "5", "--warmup", "2")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertRegex(run.stdout, r"^median [0-9.]+ ms, p90 [0-9.]+ ms")
        run = ingot("run", self.bundle, "--input", "image=" + INPUT, "--repeat", "5", "--json")
        timing = json.loads(run.stdout)
        self.assertEqual(timing["runs"], 5)
        self.assertLessEqual(timing["median_ms"], timing["p90_ms"])

    def test_profile_accounts_for_every_node(self):
        self.assertEqual(self.compile().returncode, 0)
        with open(os.path.join(self.bundle, "report.json")) as report:
            nodes = json.load(report)["nodes"]
        run = ingot("run", self.bundle, "--input", "image=" + INPUT, "--repeat", "3", "--profile", "2", "--json")
        self.assertEqual(run.returncode, 0, run.stderr)
        profile = json.loads(run.stdout)["profile"]
        self.assertEqual(profile["runs"], 3)
        # Every node is counted once under its kernel; the shares cover the run.
        self.assertEqual(sum(k["nodes"] for k in profile["kernels"]), len(nodes))
        self.assertEqual({k["kernel"] for k in profile["kernels"]}, {n["kernel"] for n in nodes})
        self.assertAlmostEqual(sum(k["share"] for k in profile["kernels"]), 1.0, places=6)
        self.assertEqual(len(profile["nodes"]), 2)
        self.assertGreaterEqual(profile["nodes"][0]["ms_per_run"], profile["nodes"][1]["ms_per_run"])
        self.assertIn(profile["nodes"][0]["node"], {n["name"] for n in nodes})
        table = ingot("run", self.bundle, "--input", "image=" + INPUT, "--repeat", "3", "--profile", "2")
        self.assertRegex(table.stdout, r"\nkernel +nodes +ms/run +share\n")
        self.assertIn("slowest nodes", table.stdout)
        refused = ingot("run", self.bundle, "--input", "image=" + INPUT, "--profile", "2")
        self.assertEqual(refused.returncode, 1)
        self.assertIn("--profile needs --repeat", refused.stderr)

    def test_a_damaged_program_is_refused(self):
        self.assertEqual(self.compile().returncode, 0)
        path = os.path.join(self.bundle, "model.ingot")
        with open(path, "rb") as f:
            data = f.read()
        for cut in (0, 7, len(data) // 2, len(data) - 1):
            with open(path, "wb") as f:
                f.write(data[:cut])
            run = ingot("run", self.bundle, "--input", "image=" + INPUT)
            self.assertEqual(run.returncode, 2, "cut at %d: %s" % (cut, run.stderr))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingot", required=True)
    args, rest = parser.parse_known_args()
    INGOT = os.path.abspath(args.ingot)
    unittest.main(argv=[sys.argv[0], *rest])
