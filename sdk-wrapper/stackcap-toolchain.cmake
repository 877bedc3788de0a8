# CMake toolchain file for stack-limited WebAssembly contracts, in the spirit of
# wasi-sdk's: cmake -DCMAKE_TOOLCHAIN_FILE=<stackcap>/share/stackcap/stackcap-toolchain.cmake
#
# Settings (cache variables, set them with -D; a changed value takes effect
# in an existing build directory at the next configure):
#   STACKCAP_STACK_LIMIT  the limit every counted call checks (default 65536)
#   STACKCAP_TARGET       wasm32 (freestanding contracts, the default),
#                         wasm32-wasip1 or wasm32-wasi (hosted WASI programs
#                         on the instrumented runtime)
#   STACKCAP_EXEC_MODEL   for WASI targets: command (a program with main and
#                         _start, the default) or reactor (a library module
#                         with exports and _initialize, no main)
#   STACKCAP_PROFILE      compat (the default) or lean (docs/spec/lean.md)
#
# Executables link to .wasm modules; every link is completed and verified by
# stackcap-clang, so a module that is not correctly stack-limited fails the build.
get_filename_component(_stackcap_prefix "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(STACKCAP_STACK_LIMIT 65536 CACHE STRING "stackcap: stack limit of every counted call")
set(STACKCAP_TARGET wasm32 CACHE STRING "stackcap: target triple (wasm32, wasm32-wasip1)")
set_property(CACHE STACKCAP_TARGET PROPERTY STRINGS wasm32 wasm32-wasip1 wasm32-wasi)
set(STACKCAP_EXEC_MODEL command CACHE STRING "stackcap: WASI module kind (command, reactor)")
set_property(CACHE STACKCAP_EXEC_MODEL PROPERTY STRINGS command reactor)
set(STACKCAP_PROFILE compat CACHE STRING "stackcap: stack-limit profile (compat, lean)")
set_property(CACHE STACKCAP_PROFILE PROPERTY STRINGS compat lean)

if(NOT STACKCAP_STACK_LIMIT MATCHES "^[0-9]+$")
  message(FATAL_ERROR "stackcap: STACKCAP_STACK_LIMIT must be a decimal number, got '${STACKCAP_STACK_LIMIT}'")
endif()
if(STACKCAP_TARGET MATCHES "^wasm32(-unknown)?(-unknown|-none)?$")
  set(_stackcap_hosted FALSE)
elseif(STACKCAP_TARGET MATCHES "^wasm32(-unknown)?-wasi(p1)?$")
  set(_stackcap_hosted TRUE)
else()
  message(FATAL_ERROR "stackcap: STACKCAP_TARGET must be wasm32, wasm32-wasip1 or wasm32-wasi, got '${STACKCAP_TARGET}'")
endif()
if(NOT STACKCAP_PROFILE MATCHES "^(compat|lean)$")
  message(FATAL_ERROR "stackcap: STACKCAP_PROFILE must be compat or lean, got '${STACKCAP_PROFILE}'")
endif()
if(NOT STACKCAP_EXEC_MODEL MATCHES "^(command|reactor)$")
  message(FATAL_ERROR "stackcap: STACKCAP_EXEC_MODEL must be command or reactor, got '${STACKCAP_EXEC_MODEL}'")
endif()

set(CMAKE_C_COMPILER "${_stackcap_prefix}/bin/stackcap-clang")
set(CMAKE_CXX_COMPILER "${_stackcap_prefix}/bin/stackcap-clang++")
# Assembly is refused by the wrappers with the reason (hand-written code is
# not instrumented); pointing CMake at them makes that the message.
set(CMAKE_ASM_COMPILER "${_stackcap_prefix}/bin/stackcap-clang")
set(CMAKE_C_COMPILER_TARGET ${STACKCAP_TARGET})
set(CMAKE_CXX_COMPILER_TARGET ${STACKCAP_TARGET})
set(CMAKE_AR /usr/bin/llvm-ar-22 CACHE FILEPATH "archiver")
set(CMAKE_RANLIB /usr/bin/llvm-ranlib-22 CACHE FILEPATH "ranlib")
set(CMAKE_USER_MAKE_RULES_OVERRIDE "${CMAKE_CURRENT_LIST_DIR}/stackcap-rules.cmake")

# The stackcap settings go in as directory options, not through
# CMAKE_<LANG>_FLAGS_INIT: those seed the cached CMAKE_<LANG>_FLAGS at the
# first configure only, so a changed limit would silently keep the old one.
# CMake reads this file at every configure (CMakeSystem.cmake includes it),
# and once per configure is enough: subdirectories inherit the options.
get_property(_stackcap_added GLOBAL PROPERTY STACKCAP_TOOLCHAIN_OPTIONS_ADDED)
if(NOT _stackcap_added)
  set_property(GLOBAL PROPERTY STACKCAP_TOOLCHAIN_OPTIONS_ADDED TRUE)
  add_compile_options(--stack-limit=${STACKCAP_STACK_LIMIT} --stack-profile=${STACKCAP_PROFILE})
  add_link_options(--stack-limit=${STACKCAP_STACK_LIMIT} --stack-profile=${STACKCAP_PROFILE})
  if(NOT _stackcap_hosted)
    # Freestanding contracts: no libc, no entry point; exports come from
    # export_name attributes or -Wl,--export=.
    add_link_options(-nostdlib -Wl,--no-entry)
  elseif(STACKCAP_EXEC_MODEL STREQUAL "reactor")
    add_link_options(-mexec-model=reactor)
  endif()
endif()

# Test programs cannot run on the build machine.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
