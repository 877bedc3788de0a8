#!/usr/bin/env python3
"""expect-exit CODE CMD ARGS...: runs CMD, passes its output through, and
exits 0 only when CMD exited with exactly CODE (lit's `not` only checks for
non-zero). Prints the actual code to stderr on mismatch."""
import subprocess
import sys

want = int(sys.argv[1])
rc = subprocess.call(sys.argv[2:])
if rc != want:
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n" % (sys.argv[2], rc, want))
    sys.exit(1)
