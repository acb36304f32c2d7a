"""What the end-to-end test scripts share: the `ingot` binary they drive
(from --ingot, as CTest passes it) and their unittest entry point.

    import ingot_test
    ...ingot_test.ingot("compile", model, "-o", bundle)...
    if __name__ == "__main__":
        ingot_test.main()
"""
import argparse
import subprocess
import sys
import unittest

INGOT = None  # the binary under test, set by main()


def ingot(*args, timeout=600):
    """Runs `ingot ARGS...`; the CompletedProcess with text stdout and stderr."""
    return subprocess.run([INGOT, *args], capture_output=True, text=True, timeout=timeout)


def main():
    """Takes --ingot PATH off the command line, then runs the module's tests."""
    global INGOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingot", required=True)
    args, rest = parser.parse_known_args()
    INGOT = args.ingot
    unittest.main(module="__main__", argv=[sys.argv[0]] + rest)
