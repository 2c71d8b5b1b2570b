"""Builds sqlguard._sqlguard, the extension module, against libsqlguard.

Where the library comes from, first match wins:
  SQLGUARD_BUILD_DIR=<a CMake build directory of the checkout>
      links that build's libsqlguard.so, with a run path to it, and the
      checkout's public headers (guard/include beside this folder, or
      SQLGUARD_INCLUDE_DIR); nothing needs to be installed (the tests use it).
  pkg-config sqlguard
      an installed sqlguard (cmake --install, or the Debian package);
      PKG_CONFIG_PATH names a prefix outside the system's.
Everything else about the package is in pyproject.toml.
"""
import os
import shlex
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def from_build_dir(build_dir):
    build_dir = os.path.abspath(build_dir)
    lib = os.path.join(build_dir, "libsqlguard.so")
    if not os.path.exists(lib):
        sys.exit(f"SQLGUARD_BUILD_DIR: {lib} does not exist (build the checkout first)")
    include = os.environ.get("SQLGUARD_INCLUDE_DIR") or os.path.join(HERE, "..", "guard", "include")
    if not os.path.exists(os.path.join(include, "sqlguard.h")):
        sys.exit(f"no sqlguard.h in {include}: set SQLGUARD_INCLUDE_DIR")
    return dict(include_dirs=[include], library_dirs=[build_dir], libraries=["sqlguard"],
                runtime_library_dirs=[build_dir])


def from_pkg_config():
    try:
        cflags = subprocess.run(["pkg-config", "--cflags", "sqlguard"], check=True,
                                capture_output=True, text=True).stdout
        libs = subprocess.run(["pkg-config", "--libs", "sqlguard"], check=True,
                              capture_output=True, text=True).stdout
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "sqlguard"], check=True,
                                capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"pkg-config does not find sqlguard ({e}): install it, set PKG_CONFIG_PATH, "
                 "or set SQLGUARD_BUILD_DIR to a build directory of the checkout")
    kw = dict(include_dirs=[], library_dirs=[], libraries=[], runtime_library_dirs=[])
    for flag in shlex.split(cflags):
        if flag.startswith("-I"):
            kw["include_dirs"].append(flag[2:])
    for flag in shlex.split(libs):
        if flag.startswith("-L"):
            kw["library_dirs"].append(flag[2:])
        elif flag.startswith("-l"):
            kw["libraries"].append(flag[2:])
    # a prefix outside the loader's search path (say /opt/sqlguard) is found at run time too
    if libdir and libdir not in ("/usr/lib", "/usr/lib64", "/lib") and \
            not libdir.startswith("/usr/lib/"):
        kw["runtime_library_dirs"].append(libdir)
    return kw


class always_build_ext(build_ext):
    """Compiles the module on every build: pip builds in the source tree, and a module
    left there by an earlier build may be linked against another library."""

    def finalize_options(self):
        super().finalize_options()
        self.force = True


build_dir = os.environ.get("SQLGUARD_BUILD_DIR")
link = from_build_dir(build_dir) if build_dir else from_pkg_config()

setup(cmdclass={"build_ext": always_build_ext},
      ext_modules=[Extension("sqlguard._sqlguard", ["src/sqlguard/_sqlguard.c"],
                             extra_compile_args=["-std=c11", "-Wall", "-Wextra"], **link)])
