//===- version_info.h - The stackcap version --------------------*- C++ -*-===//
//
// Part of stackcap. Accessors for what the generated stackcap/version.h holds,
// so that only version.cpp depends on it.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_VERSION_INFO_H
#define STACKCAP_VERSION_INFO_H

namespace stackcap {

/// "0.1.0": project(VERSION) of the top-level CMakeLists.txt.
const char *versionNumber();
/// The git revision the library was built from ("abc1234", "abc1234-dirty"
/// or "unknown").
const char *gitRevision();
/// The profiles checked, separated by spaces ("compat").
const char *profiles();
/// "stackcap 0.1.0 (git abc1234)": the first line of every tool's --version.
const char *versionLine();

} // namespace stackcap

#endif
