# Read through CMAKE_USER_MAKE_RULES_OVERRIDE by stackcap-toolchain.cmake: CMake
# resets CMAKE_EXECUTABLE_SUFFIX for a Generic system after reading the
# toolchain file, and applies this file after that.
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
