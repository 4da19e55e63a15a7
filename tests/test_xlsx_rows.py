"""xlsx_rows.RowWriter writes rows of plain cells into a constant_memory sheet as XlsxWriter's own write_row
would: the same bytes in every part of the file, read back the same, XlsxWriter's bookkeeping kept; text
XlsxWriter would take for its own XML is shown as typed; another XlsxWriter release goes cell by cell."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from survey_app.reporting import xlsx_rows
from survey_app.reporting.xlsx_rows import RowWriter

OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False}
LONG = "a" * 32_767
# XlsxWriter's write_row stops a row at a string it shortened, so those end their rows here.
ROWS = [
    ["row", "channel", "happy", "what_we_should_do", "ideas"],
    [1, "online", "yes", "More trips & <days> out \"please\" 'now'", None],
    [2, "paper", "[skipped]", "", "carer; teacher"],
    [3, "online", None, None, None, None, None],  # trailing gaps: no cell, the sheet's width unchanged
    [],
    [None, "", None],  # nothing at all: no <row>
    [4, "online", "  two spaces first", "last space ", "\tTab first"],
    [5, "online", "\u00a0no-break space", "ideographic\u3000", "\x85next line first", "line\nbreak", "cr\r"],
    [6, "online", "bell\x07 and \x01\x1f\x0b\x0c", "\ufffe and \uffff", "_x0041_ and _x00e9_ and _X0041_ _xZZZZ_"],
    [7, "online", "Ça va? Ünïcödé 😀 中文 مرحبا", '\'=HYPERLINK("http://evil.example","x")', "'+1", "'-2", "'@SUM(1)"],
    [8, "online", "x<r>y</r>", "<r>not at both ends", "&amp; already", "]]>", "<![CDATA[x]]>"],
    [9, "web", 0, -7, 2**53 + 1, 10**20, 0.1, -0.0, 1e-300, 1.5e20, 123456.789, 1 / 3],
    [10, "online", "yes", "yes", "yes", "no", "no", "[skipped]"],  # remembered text
    [11, "online", "a" * 70, "a" * 70, "b" * 65],  # text too long to remember, twice
    [12, "online", LONG],
    [13, "online", LONG + "b"],
    [14, "online", "a" + "😀" * 16_383],  # 32,767 UTF-16 units
    [15, "online", "😀" * 16_384],  # 32,768: shortened by a whole emoji
    [16, "online", True, Decimal("2.5"), "a bool and a Decimal: written cell by cell"],
    [17, "online", "after a row written cell by cell"],
]


def book_bytes(write) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    book.set_properties({"created": dt.datetime(2026, 1, 1)})  # the only part that would differ
    sheet = book.add_worksheet("responses")
    write(sheet)
    book.add_worksheet("notes").write_string(0, 0, "notes")
    book.close()
    return buffer.getvalue()


def parts(body: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(body))
    return {name: archive.read(name) for name in archive.namelist()}


def values(body: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body))["responses"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def by_xlsxwriter(rows, skip: int = 0):
    def write(sheet):
        for number, row in enumerate(rows):
            sheet.write_row(number * (1 + skip), 0, row)
    return write


@pytest.fixture
def cell_by_cell_rows(monkeypatch) -> list[int]:
    """The rows RowWriter hands to XlsxWriter cell by cell."""
    rows: list[int] = []
    original = xlsx_rows.write_cell_by_cell

    def spy(sheet, row, cells):
        rows.append(row)
        original(sheet, row, cells)
    monkeypatch.setattr(xlsx_rows, "write_cell_by_cell", spy)
    return rows


def by_row_writer(rows, skip: int = 0):
    def write(sheet):
        writer = RowWriter(sheet)
        for number, row in enumerate(rows):
            writer.write_row(number * (1 + skip), row)
    return write


@pytest.mark.parametrize("skip", [0, 2])
def test_it_writes_the_bytes_xlsxwriter_writes(cell_by_cell_rows, skip):
    expected = book_bytes(by_xlsxwriter(ROWS, skip))
    made = book_bytes(by_row_writer(ROWS, skip))
    assert cell_by_cell_rows == [18 * (1 + skip)]  # every other row went the fast way
    assert parts(made) == parts(expected)  # each part of the file, then the whole file
    assert made == expected
    assert values(made) == values(expected)
    sheet = parts(made)["xl/worksheets/sheet1.xml"].decode()
    assert f'<dimension ref="A1:L{len(ROWS) * (1 + skip) - skip}"/>' in sheet
    assert "bell_x0007_ and _x0001__x001F__x000B__x000C_" in sheet and "_x005F_x0041_" in sheet


def test_the_sheets_size_is_kept_as_xlsxwriter_keeps_it(cell_by_cell_rows):
    rows = [[None, None, None, "d"], [None, None, "c"], [], [None, "b", None, None, None], ["a", None]]
    made = book_bytes(by_row_writer(rows))
    assert cell_by_cell_rows == []
    assert made == book_bytes(by_xlsxwriter(rows))
    assert '<dimension ref="A1:D5"/>' in parts(made)["xl/worksheets/sheet1.xml"].decode()


def test_it_reads_back_as_written():
    read = values(book_bytes(by_row_writer(ROWS)))
    assert read[1][:4] == [1, "online", "yes", "More trips & <days> out \"please\" 'now'"]
    assert read[6][2:5] == ["  two spaces first", "last space ", "\tTab first"]
    assert read[9][2] == "Ça va? Ünïcödé 😀 中文 مرحبا"
    assert read[11][2:12] == [0, -7, 2**53, 10**20, 0.1, 0, 1e-300, 1.5e20, 123456.789, 1 / 3]
    assert read[14][2] == LONG and read[15][2] == LONG
    assert read[17][2] == "😀" * 16_383


def test_a_row_written_cannot_be_written_again_as_with_xlsxwriter():
    def write(sheet):
        writer = RowWriter(sheet)
        writer.write_row(0, ["first"])
        assert sheet.write_string(0, 1, "again") == -1  # refused: the row is in the file already
        with pytest.raises(ValueError):
            writer.write_row(0, ["again"])
        writer.write_row(1, ["second"])
        assert sheet.write_string(2, 0, "third, by XlsxWriter") == 0
        with pytest.raises(ValueError):
            writer.write_row(2, ["third again"])
        writer.write_row(3, ["fourth"])
    assert values(book_bytes(write)) == [["first"], ["second"], ["third, by XlsxWriter"], ["fourth"]]


def test_a_float_that_is_not_a_number_is_left_empty_as_before(cell_by_cell_rows):
    assert values(book_bytes(by_row_writer([["a", float("nan"), "c"], ["d"]]))) == [["a", None, "c"], ["d", None, None]]
    assert cell_by_cell_rows == [0]


INJECTED = '<r><t>x</t></r></is></c><c r="B1"><f>1+1</f></c><c r="C1" t="inlineStr"><is><r><t>y</t></r>'


def test_text_shaped_like_xlsxwriters_own_xml_is_shown_as_typed(monkeypatch):
    def plain(sheet):
        sheet.write_string(0, 0, INJECTED)
    # XlsxWriter alone, in constant_memory mode, writes it into the file as XML: a formula cell.
    assert "<f>1+1</f>" in parts(book_bytes(plain))["xl/worksheets/sheet1.xml"].decode()

    rows = [[INJECTED, "<r>a</r>"]]
    fast = book_bytes(by_row_writer(rows))
    monkeypatch.setattr(xlsx_rows, "CHECKED_XLSXWRITER", "0.0.0")
    cell_by_cell = book_bytes(by_row_writer(rows))
    for body in (fast, cell_by_cell):
        assert "<f>" not in parts(body)["xl/worksheets/sheet1.xml"].decode()
        assert values(body) == [[INJECTED, "<r>a</r>"]]


def test_with_another_xlsxwriter_release_every_row_goes_cell_by_cell(monkeypatch, cell_by_cell_rows, caplog):
    monkeypatch.setattr(xlsx_rows, "CHECKED_XLSXWRITER", "0.0.0")
    made = book_bytes(by_row_writer(ROWS))
    assert cell_by_cell_rows == list(range(len(ROWS)))
    assert values(made) == values(book_bytes(by_xlsxwriter(ROWS)))
    assert "writing cell by cell" in caplog.text


def test_the_release_checked_is_the_one_pinned_and_installed():
    pins = (Path(__file__).resolve().parents[1] / "constraints.txt").read_text().splitlines()
    assert f"xlsxwriter=={xlsx_rows.CHECKED_XLSXWRITER}" in pins
    assert xlsxwriter.__version__ == xlsx_rows.CHECKED_XLSXWRITER
    assert xlsx_rows.fast_path_available()


def test_a_quick_zip_buffer_is_zipped_quicker_into_a_bigger_file_that_reads_the_same():
    def workbook(file):
        book = xlsxwriter.Workbook(file, OPTIONS)
        book.set_properties({"created": dt.datetime(2026, 1, 1)})
        writer = RowWriter(book.add_worksheet("responses"))
        for number, row in enumerate(ROWS * 20):
            writer.write_row(number, row)
        book.close()
        return file.getvalue()
    quick, usual = workbook(xlsx_rows.QuickZipBuffer()), workbook(io.BytesIO())
    assert len(quick) > len(usual) * 1.1
    assert parts(quick) == parts(usual)  # the same parts, byte for byte once unzipped
    assert {info.compress_type for info in zipfile.ZipFile(io.BytesIO(quick)).infolist()} == {zipfile.ZIP_DEFLATED}
    assert values(quick) == values(usual)
