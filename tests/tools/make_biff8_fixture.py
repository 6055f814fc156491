# SPDX-License-Identifier: BSD-3-Clause
"""Writes tests/data/xls/eplexor_master_shear_biff8.xls: the shear master-curve Eplexor file
(data/eplexor-polymer/freq_Eplexor_master_shear.xls, BIFF7) re-written as BIFF8 by xlwt, with a
sheet 'Strings' that makes the shared-string table run over many CONTINUE records (long texts,
8-bit and 16-bit characters, a character outside the BMP, an empty text). The shipped Eplexor
files are all BIFF5/7, so this is what exercises the reader's BIFF8 paths.
Usage: /usr/bin/python3 tests/tools/make_biff8_fixture.py (python3-xlrd, python3-xlwt)"""
import os

import xlrd
import xlwt

root = os.path.join(os.path.dirname(__file__), "..", "..")
src = xlrd.open_workbook(os.path.join(root, "data/eplexor-polymer/freq_Eplexor_master_shear.xls"))
out = xlwt.Workbook(encoding="utf-8")
for sheet in src.sheets():
    dst = out.add_sheet(sheet.name)
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE, xlrd.XL_CELL_TEXT):
                dst.write(r, c, cell.value)
strings = out.add_sheet("Strings")
texts = ["", "°C", "tan δ", "E' [MPa]", "τ in 𝜏 units", "x" * 9000, ("δ" * 3000) + ("a" * 3000)]
texts += [f"row {i}: " + ("ü" if i % 3 else "u") * (i % 97) for i in range(400)]
for i, t in enumerate(texts):
    strings.write(i, 0, t)
    strings.write(i, 1, i * 0.5)      # RK-encodable and not
    strings.write(i, 2, 1e-300 * i)
    strings.write(i, 3, -i)
out.save(os.path.join(root, "tests/data/xls/eplexor_master_shear_biff8.xls"))
