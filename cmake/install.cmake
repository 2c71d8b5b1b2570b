# What `cmake --install` puts where (included from the top-level
# CMakeLists.txt when SQLGUARD_INSTALL is on):
#   bin/sqlguard                          the command line
#   lib/libsqlguard.so.<ABI>, .so.<version>, .so, lib/libsqlguard.a
#   include/sqlguard.h, include/sqlguard/*.h   the public API, nothing else
#   lib/pkgconfig/sqlguard.pc
#   lib/cmake/sqlguard/                   find_package(sqlguard): sqlguard::sqlguard
#                                         (shared), sqlguard::sqlguard_static
#   share/man/man1/, bash and zsh completion
include(CMakePackageConfigHelpers)

set(SG_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sqlguard)

install(TARGETS sqlguard_shared EXPORT sqlguardSharedTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS sqlguard EXPORT sqlguardStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(TARGETS sqlguard_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
# The public headers and nothing else: sqlguard.h, sqlguard/executor.h and
# sqlguard/catalog_tools.h.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/guard/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT dev FILES_MATCHING PATTERN "*.h")

if(SQLGUARD_MAN)
  install(FILES ${SG_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/guard/cli/completion/sqlguard.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME sqlguard COMPONENT cli)
install(FILES ${PROJECT_SOURCE_DIR}/guard/cli/completion/_sqlguard
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT cli)

# The CMake package. The static archive's targets are a file of their own:
# sqlguardConfig.cmake loads them only when its dependencies are found.
install(EXPORT sqlguardSharedTargets NAMESPACE sqlguard:: DESTINATION ${SG_CMAKE_DIR}
  COMPONENT dev)
install(EXPORT sqlguardStaticTargets NAMESPACE sqlguard:: DESTINATION ${SG_CMAKE_DIR}
  COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sqlguardConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sqlguardConfig.cmake INSTALL_DESTINATION ${SG_CMAKE_DIR})
# 0.x releases may break the API at each minor version; from 1.0 on, a major one.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(sg_compat SameMinorVersion)
else()
  set(sg_compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sqlguardConfigVersion.cmake
  COMPATIBILITY ${sg_compat})
install(FILES ${PROJECT_BINARY_DIR}/sqlguardConfig.cmake
  ${PROJECT_BINARY_DIR}/sqlguardConfigVersion.cmake DESTINATION ${SG_CMAKE_DIR} COMPONENT dev)

# sqlguard.pc, written when installing so that its prefix is the one installed
# to (`cmake --install --prefix` included); absolute paths, as Debian's are.
set(SG_PC_PREFIX "@SG_PC_PREFIX@")
configure_file(${PROJECT_SOURCE_DIR}/cmake/sqlguard.pc.in ${PROJECT_BINARY_DIR}/sqlguard.pc.in
  @ONLY)
install(CODE "
  file(READ \"${PROJECT_BINARY_DIR}/sqlguard.pc.in\" pc)
  string(REPLACE \"@SG_PC_PREFIX@\" \"\${CMAKE_INSTALL_PREFIX}\" pc \"\${pc}\")
  file(WRITE \"${PROJECT_BINARY_DIR}/sqlguard.pc\" \"\${pc}\")
  file(INSTALL \"${PROJECT_BINARY_DIR}/sqlguard.pc\"
    DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
" COMPONENT dev)
