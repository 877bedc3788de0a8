#!/usr/bin/env python3
"""check-test-references.py DIR : every other lit test that a test under DIR
names in its text (NAME.test, or a NAME-*.test pattern) must exist somewhere
under DIR, so that a comment saying "see X.test" cannot point at nothing
after a rename. Prints the references it checked; fails listing the broken
ones."""
import fnmatch
import os
import re
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    tests = []
    for d, _, files in os.walk(root):
        if "Output" in d.split(os.sep):
            continue
        tests += [os.path.join(d, f) for f in files if f.endswith(".test")]
    names = {os.path.basename(t) for t in tests}
    broken, checked = [], 0
    for t in sorted(tests):
        with open(t, errors="replace") as f:
            text = f.read()
        for ref in sorted(set(re.findall(r"(?<![\w%$/.*-])([\w*-]+\.test)\b", text))):
            if ref == os.path.basename(t):
                continue
            checked += 1
            if not fnmatch.filter(names, ref):
                broken.append("%s names %s, which does not exist" % (os.path.relpath(t, root), ref))
    if broken:
        sys.exit("check-test-references: FAIL:\n  " + "\n  ".join(broken))
    print("check-test-references: OK: %d references" % checked)


if __name__ == "__main__":
    main()
