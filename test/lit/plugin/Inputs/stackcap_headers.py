"""Facts the test scripts share with the verifier, read from its headers so
that each is written once (verifier/include/stackcap/):

  * linker_functions(): placeholders.h's LinkerFunctions, the functions of a
    linked module that the linker makes or calls on its own;
  * opcode_names(): opcodes.def, each op::X constant's text-format mnemonic;
  * counted_call(): call_sequence.h's CountedCall, the 15 steps of a counted
    call as (mnemonic, immediate kind) pairs.

Any header that no longer has the expected shape fails loudly."""
import os
import re
import sys

HEADERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                       os.pardir, os.pardir, "verifier", "include", "stackcap")


def _read(name):
    with open(os.path.join(HEADERS, name)) as f:
        return f.read()


def _block(text, start, name):
    i = text.find(start)
    if i < 0:
        sys.exit("stackcap_headers: %s: no '%s'" % (name, start))
    j = text.find("};", i)
    return text[i:j]


def linker_functions():
    """[(name, role)] in the order of placeholders.h."""
    block = _block(_read("placeholders.h"), "constexpr LinkerFunction LinkerFunctions[]",
                   "placeholders.h")
    out = re.findall(r'\{"([^"]+)", LinkerFunctionRole::(\w+)\}', block)
    if not out:
        sys.exit("stackcap_headers: placeholders.h: LinkerFunctions is empty or unreadable")
    return out


def opcode_names():
    """{enum name: mnemonic} from opcodes.def."""
    names = {}
    for m in re.finditer(r'^STACKCAP_OPCODE\((\w+), (\w+), (\w+), "([^"]+)",', _read("opcodes.def"),
                         re.M):
        names[m.group(3)] = m.group(4)
    if len(names) < 100:
        sys.exit("stackcap_headers: opcodes.def: unreadable")
    return names


def counted_call():
    """[(mnemonic, immediate kind)] of the 15 steps of call_sequence.h."""
    names = opcode_names()
    block = _block(_read("call_sequence.h"), "constexpr SeqStep CountedCall[]", "call_sequence.h")
    steps = re.findall(r"\{op::(\w+), SeqImm::(\w+)\}", block)
    if len(steps) != 15:
        sys.exit("stackcap_headers: call_sequence.h: CountedCall has %d steps, not 15" % len(steps))
    return [(names[op], imm) for op, imm in steps]
