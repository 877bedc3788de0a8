"""lit test format of test/lit/runtime: lit's ShTest, except that a test
FAILS (it is not skipped) when the instrumented WASI runtime is missing,
with a message naming what is missing and how to build it. Checked when each
test runs. (A module of its own, not a class in lit.local.cfg: lit pickles
the format for its worker processes.)"""
import os

import lit.Test
import lit.formats


class RequiresRuntime(lit.formats.ShTest):
    def __init__(self, required, hint):
        super().__init__(execute_external=True)
        self.required = list(required)
        self.hint = hint

    def execute(self, test, litConfig):
        missing = [f for f in self.required if not os.path.exists(f)]
        if missing:
            return lit.Test.Result(
                lit.Test.FAIL,
                "the instrumented WASI runtime is missing: %s\n%s\n"
                % (", ".join(missing), self.hint))
        return super().execute(test, litConfig)
