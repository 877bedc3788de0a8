# lit configuration of stackcap's FileCheck tests.
import os
import lit.formats

config.name = "stackcap"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".test", ".wat", ".c", ".cpp", ".ll"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in", "expect-exit.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.stackcap_obj_root, "test", "lit-out")

llvm_bin = "/usr/lib/llvm-22/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.stackcap_bin_dir, llvm_bin, config.environment.get("PATH", "/usr/bin:/bin")])

fixtures = os.path.join(config.stackcap_shared_dir, "fixtures", "wasm-instrument", "stack-height")
config.substitutions.append(("%fixtures", fixtures))
config.substitutions.append(("%stackcap-verify", os.path.join(config.stackcap_bin_dir, "stackcap-verify")))
config.substitutions.append(("%stackcap-instrument", os.path.join(config.stackcap_bin_dir, "stackcap-instrument")))
config.substitutions.append(("%lean-mutants", os.path.join(config.stackcap_bin_dir, "stackcap-lean-mutants")))
config.substitutions.append(("%src", config.stackcap_src_root))
config.substitutions.append(("%node", config.node))
share = os.path.join(os.path.dirname(config.stackcap_bin_dir), "share", "stackcap")
config.substitutions.append(("%toolchain-file", os.path.join(share, "stackcap-toolchain.cmake")))
config.substitutions.append(("%clang", "/usr/bin/clang-22"))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%expect-exit", "python3 " + os.path.join(os.path.dirname(__file__), "expect-exit.py")))
