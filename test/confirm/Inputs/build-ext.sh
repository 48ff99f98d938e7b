#!/bin/sh
# build-ext.sh PYTHON SOURCE.c OUTDIR: compiles one extension module for
# PYTHON with cc, against that interpreter's headers and with its
# EXT_SUFFIX (no distutils/setuptools needed).
set -e
py=$1 src=$2 out=$3
name=$(basename "$src" .c)
inc=$("$py" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
suffix=$("$py" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
cc -shared -fPIC -O0 -g -I"$inc" "$src" -o "$out/$name$suffix"
