# What `cmake --install` adds beyond the targets' own rules, and the packages
# (`ninja package`): included by the top-level CMakeLists.txt after every
# subdirectory. The installed SDK is relocatable (README.md, "Install"):
#   bin/                  stackcap-clang{,++}, stackcap-rustc, stackcap-verify,
#                         stackcap-instrument, stackcap-link-finish
#   lib/                  stackcap-plugin.so, libstackcap_verify.{a,so*},
#                         cmake/stackcap/, pkgconfig/
#   include/stackcap/     the C API (stackcap_verify.h, .hpp) and the C++ API
#   share/stackcap/       the toolchain file, the WASI sysroot (sysroot/), the
#                         Rust sysroots (rust-sysroot/<target>/), spec/compat.md
#   share/doc/stackcap/   README.md and docs/
include(CMakePackageConfigHelpers)

# STACKCAP_PROFILES is the top-level CMakeLists.txt's list; pkg-config's
# description has it as words.
string(REPLACE ";" " " STACKCAP_PROFILE_WORDS "${STACKCAP_PROFILES}")
set(STACKCAP_CMAKE_DIR lib/cmake/stackcap)

install(EXPORT stackcap-targets NAMESPACE stackcap:: DESTINATION ${STACKCAP_CMAKE_DIR}
        FILE stackcap-targets.cmake)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/stackcap-config.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/stackcap-config.cmake
  INSTALL_DESTINATION ${STACKCAP_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/stackcap-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/stackcap-config.cmake
              ${CMAKE_BINARY_DIR}/cmake/stackcap-config-version.cmake
        DESTINATION ${STACKCAP_CMAKE_DIR})

# pkg-config: Libs.private lists the C++ runtime for static linking.
set(STACKCAP_PC_LIBS_PRIVATE "")
foreach(l IN LISTS STACKCAP_CXX_RUNTIME_LIBS)
  string(APPEND STACKCAP_PC_LIBS_PRIVATE " -l${l}")
endforeach()
string(STRIP "${STACKCAP_PC_LIBS_PRIVATE}" STACKCAP_PC_LIBS_PRIVATE)
foreach(pc stackcap-verify stackcap-verify-static)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${CMAKE_BINARY_DIR}/pkgconfig/${pc}.pc @ONLY)
  install(FILES ${CMAKE_BINARY_DIR}/pkgconfig/${pc}.pc DESTINATION lib/pkgconfig)
endforeach()

# The spec the tools implement, and the documentation.
install(FILES ${PROJECT_SOURCE_DIR}/docs/spec/compat.md DESTINATION share/stackcap/spec)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/stackcap)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/stackcap/docs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/verify-embed DESTINATION share/doc/stackcap/examples
        PATTERN target EXCLUDE)

# --- Packages: `ninja -C build package` ------------------------------------
#   stackcap-sdk-VERSION-x86_64-linux.tar.gz   the SDK under one directory,
#                                              to unpack anywhere
#   stackcap_VERSION_amd64.deb                 the SDK in /usr/lib/stackcap,
#                                              the tools linked into /usr/bin
# Per-generator settings are in StackcapCPackOptions.cmake.
set(CPACK_PACKAGE_NAME stackcap)
set(CPACK_PACKAGE_VENDOR "stackcap")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "stack-limited WebAssembly: LLVM 22 plugin, compiler wrappers, verifier, instrumented runtimes")
# The .deb's Maintainer field: set it for a release.
set(STACKCAP_PACKAGE_CONTACT "stackcap maintainers <maintainers@stackcap.invalid>" CACHE STRING
    "stackcap: the packages' contact (the .deb's Maintainer)")
set(CPACK_PACKAGE_CONTACT "${STACKCAP_PACKAGE_CONTACT}")
set(CPACK_GENERATOR "TGZ;DEB")
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/StackcapCPackOptions.cmake)
set(CPACK_STACKCAP_TGZ_NAME "stackcap-sdk-${PROJECT_VERSION}-x86_64-linux")
set(CPACK_DEBIAN_FILE_NAME "stackcap_${PROJECT_VERSION}_amd64.deb")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# What the installed tools run: clang-22 and clang++-22 (the wrappers),
# wasm-ld-22 (the link step), llvm-ar-22/llvm-ranlib-22 (the toolchain file);
# libLLVM 22 (the plugin) comes with clang-22. node is only for the tests and
# the demo. Rust support needs Debian's rustc-web (suggested).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-22, lld-22, llvm-22, libc6, libstdc++6")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "rustc-web, cargo-web, pkg-config, cmake")
# The links in /usr/bin (CPack runs this at its install step; the prefix
# is /usr/lib/stackcap for the .deb only).
set(CPACK_INSTALL_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/StackcapDebLinks.cmake)
set(CPACK_STACKCAP_DEB_TOOLS stackcap-clang stackcap-clang++ stackcap-rustc stackcap-verify
    stackcap-instrument stackcap-link-finish)
include(CPack)
