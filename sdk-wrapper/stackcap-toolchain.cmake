# CMake toolchain file for stack-limited WebAssembly contracts, in the spirit of
# wasi-sdk's: cmake -DCMAKE_TOOLCHAIN_FILE=<stackcap>/share/stackcap/stackcap-toolchain.cmake
#
# Settings (cache variables, set them with -D):
#   STACKCAP_STACK_LIMIT  the limit every counted call checks (default 65536)
#   STACKCAP_TARGET       wasm32 (freestanding, the default)
#
# Executables link to .wasm modules; every link is completed and verified by
# stackcap-clang, so a module that is not correctly stack-limited fails the build.
get_filename_component(_stackcap_prefix "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(STACKCAP_STACK_LIMIT 65536 CACHE STRING "stackcap: stack limit of every counted call")
set(STACKCAP_TARGET wasm32 CACHE STRING "stackcap: target triple")

set(CMAKE_C_COMPILER "${_stackcap_prefix}/bin/stackcap-clang")
set(CMAKE_CXX_COMPILER "${_stackcap_prefix}/bin/stackcap-clang++")
set(CMAKE_ASM_COMPILER "${_stackcap_prefix}/bin/stackcap-clang")
set(CMAKE_C_COMPILER_TARGET ${STACKCAP_TARGET})
set(CMAKE_CXX_COMPILER_TARGET ${STACKCAP_TARGET})
set(CMAKE_AR /usr/bin/llvm-ar-22 CACHE FILEPATH "archiver")
set(CMAKE_RANLIB /usr/bin/llvm-ranlib-22 CACHE FILEPATH "ranlib")
set(CMAKE_C_FLAGS_INIT "--stack-limit=${STACKCAP_STACK_LIMIT}")
set(CMAKE_CXX_FLAGS_INIT "--stack-limit=${STACKCAP_STACK_LIMIT} -fno-exceptions")
# The compile flags are on the link line too, so the limit is not repeated here.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -Wl,--no-entry")
set(CMAKE_USER_MAKE_RULES_OVERRIDE "${CMAKE_CURRENT_LIST_DIR}/stackcap-rules.cmake")

# Test programs cannot run on the build machine.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
