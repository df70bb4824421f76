"""Writes the hand-made workbook fixtures of tests/cases (openpyxl, an independent writer):
calendar_typo.xlsx: a calendar sheet "Plani" whose third row names no county.
Run: .venv/bin/python tests/cases/make_workbooks.py"""

import datetime as dt
from pathlib import Path

import openpyxl

book = openpyxl.Workbook()
ws = book.active
ws.title = "Plani"
ws.append(["County", "First day", "Last day"])
ws.append(["Durrës", dt.date(2017, 10, 16), dt.date(2017, 10, 17)])
ws.append(["Qytet i panjohur", dt.date(2017, 11, 15), dt.date(2017, 11, 16)])
# Fixed metadata so the file is the same on every run.
book.properties.created = book.properties.modified = dt.datetime(2018, 1, 1)
book.save(Path(__file__).with_name("calendar_typo.xlsx"))
