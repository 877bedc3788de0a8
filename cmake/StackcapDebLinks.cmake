# CPACK_INSTALL_SCRIPTS: run by cpack after installing the project into its
# staging directory ($ENV{DESTDIR}; CPACK_GENERATOR is the package being
# made). For the .deb (prefix /usr/lib/stackcap) the tools get relative
# links in /usr/bin; the wrappers resolve their links (readlink -f), so they
# find the SDK under /usr/lib/stackcap.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
set(_bin "$ENV{DESTDIR}/usr/bin")
file(MAKE_DIRECTORY "${_bin}")
foreach(t IN LISTS CPACK_STACKCAP_DEB_TOOLS)
  file(CREATE_LINK ../lib/stackcap/bin/${t} "${_bin}/${t}" SYMBOLIC)
endforeach()
