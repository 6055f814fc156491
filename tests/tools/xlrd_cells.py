# SPDX-License-Identifier: BSD-3-Clause
"""Every cell of a legacy Excel file as xlrd reads it: one line per cell, in sheet order,
"SHEET<TAB>ROW<TAB>COLUMN<TAB>n<TAB>VALUE" (a number, repr: exact) or "...<TAB>t<TAB>TEXT"
(backslash, tab and newline escaped). Booleans and error cells are left out. The independent
reading that tests/unit/test_xls.cpp holds glassfit's reader to.
Usage: /usr/bin/python3 tests/tools/xlrd_cells.py FILE.xls"""
import sys

import xlrd


def escaped(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    book = xlrd.open_workbook(sys.argv[1])
    out = sys.stdout
    out.write(f"biff\t{book.biff_version}\n")
    for sheet in book.sheets():
        out.write(f"sheet\t{escaped(sheet.name)}\n")
        for r in range(sheet.nrows):
            for c, cell in enumerate(sheet.row(r)):
                if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                    out.write(f"{r}\t{c}\tn\t{float(cell.value)!r}\n")
                elif cell.ctype == xlrd.XL_CELL_TEXT:
                    out.write(f"{r}\t{c}\tt\t{escaped(cell.value)}\n")


if __name__ == "__main__":
    main()
