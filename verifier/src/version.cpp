//===- version.cpp - The stackcap version, from the generated header -------===//
//
// Part of stackcap. The only file that includes stackcap/version.h (generated
// at build time), so a new git revision recompiles this file alone.
//
//===----------------------------------------------------------------------===//
#include "stackcap/stackcap_verify.h"
#include "stackcap/version.h"
#include "stackcap/version_info.h"

namespace stackcap {

const char *versionNumber() { return STACKCAP_VERSION; }
const char *gitRevision() { return STACKCAP_GIT_REVISION; }
const char *profiles() { return STACKCAP_PROFILES; }
const char *versionLine() { return STACKCAP_VERSION_LINE; }

} // namespace stackcap

extern "C" {
const char *stackcap_version(void) { return STACKCAP_VERSION; }
const char *stackcap_version_line(void) { return STACKCAP_VERSION_LINE; }
}
