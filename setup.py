# SPDX-License-Identifier: BSD-3-Clause
"""The pip route (pyproject.toml): setuptools runs CMake for the Python module (_glassfit) and the
glassfit program, puts the module beside the package's .py files and the program in
glassfit/_bin (the `glassfit` command runs it). The version is CMakeLists.txt's project()
version, the one `glassfit --version`, the CMake package and glassfit.__version__ report.

GLASSFIT_CMAKE_BUILD_DIR=path reuses a configured build tree (CI: the release build) instead of
a fresh one under build/; CMAKE_ARGS adds CMake options; GLASSFIT_JOBS sets the parallel jobs.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
VERSION = re.search(r"project\(glassfit VERSION (\S+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        module = Path(self.get_ext_fullpath(ext.name)).resolve()
        build = Path(os.environ.get("GLASSFIT_CMAKE_BUILD_DIR") or Path(self.build_temp).resolve() / "cmake")
        if not (build / "CMakeCache.txt").exists():
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                            "-DGLASSFIT_BUILD_TESTS=OFF", "-DGLASSFIT_PYTHON=ON",
                            f"-DPython_EXECUTABLE={sys.executable}",
                            *shlex.split(os.environ.get("CMAKE_ARGS", ""))], check=True)
        jobs = os.environ.get("GLASSFIT_JOBS", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build), "--target", "_glassfit", "glassfit_cli", "-j", jobs], check=True)
        built = sorted((build / "python" / "glassfit").glob("_glassfit*.so"))
        if not built:
            sys.exit(f"setup.py: CMake built no _glassfit module in {build / 'python' / 'glassfit'}")
        module.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], module)
        program = module.parent / "_bin" / "glassfit"
        program.parent.mkdir(exist_ok=True)
        shutil.copy2(build / "tools" / "glassfit", program)


# build-pip/, not build/: that is the CMake build tree of scripts/build.sh.
setup(version=VERSION, ext_modules=[Extension("glassfit._glassfit", sources=[])], cmdclass={"build_ext": CMakeBuild},
      options={"build": {"build_base": "build-pip"}, "egg_info": {"egg_base": "build-pip"}})
