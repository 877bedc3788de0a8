//===- StackcapPasses.cpp - Registration of the stackcap passes -----------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "StackcapPasses.h"

#include "llvm/PassRegistry.h"

#include <atomic>

using namespace llvm;

namespace stackcap {

namespace {
std::atomic<StackcapConfig (*)()> RegisteredConfig{nullptr};
} // namespace

void setRegisteredPassConfig(StackcapConfig (*Get)()) { RegisteredConfig.store(Get); }

StackcapConfig registeredPassConfig() {
  StackcapConfig (*Get)() = RegisteredConfig.load();
  return Get ? Get() : StackcapConfig();
}

void initializeStackcapPasses(PassRegistry &Registry) {
  initializeStackcapThunksPass(Registry);
  initializeStackcapThunkRewritePass(Registry);
  initializeStackcapInstrumentPass(Registry);
}

} // namespace stackcap
