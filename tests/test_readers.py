import gzip
import json
import os
import sys

import pytest

from newsfacts.errors import InputError
from newsfacts.readers import Input, ReadOptions, content_hash, decode, expand_inputs, html_to_text, read_items

from .conftest import SAMPLES


def one(path, **options):
    """The single item read from one path."""
    items = list(read_items([str(path)], ReadOptions(**options)))
    assert len(items) == 1, items
    return items[0]


def read_input(item):
    result = one(item.path)
    if result.error is not None:
        raise InputError(result.source, result.error)
    return result

RUSSIAN = "Компания \"Яндекс\" открыла дата-центр в Можайске. Ёмкость - 100 стоек.\n"


@pytest.mark.parametrize(
    "data",
    [
        RUSSIAN.encode("utf-8"),
        b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"),
        RUSSIAN.encode("cp1251"),
        RUSSIAN.encode("koi8_r"),
        RUSSIAN.encode("utf-16"),
        RUSSIAN.encode("utf-16-be").join([b"\xfe\xff", b""]),
        RUSSIAN.encode("utf-32"),
        b"\x00\x00\xfe\xff" + RUSSIAN.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "cp1251", "koi8-r", "utf16-bom", "utf16-be-bom", "utf32-bom", "utf32-be-bom"],
)
def test_decode_common_encodings(data):
    assert decode(data, "x.txt") == RUSSIAN


def test_decode_whole_article_in_cp1251_and_koi8(sample_text):
    assert decode(sample_text.encode("cp1251"), "a.txt") == sample_text
    plain = sample_text.replace("«", '"').replace("»", '"')
    assert decode(plain.encode("koi8_r"), "a.txt") == plain


def test_decode_crlf_normalised():
    assert decode("строка\r\nвторая\r\n".encode(), "a.txt") == "строка\nвторая\n"


def test_explicit_encoding():
    assert decode(RUSSIAN.encode("cp866"), "a.txt", encoding="cp866") == RUSSIAN


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"%PDF-1.7\n\x00\x01", b"abc\x00def"],
    ids=["png", "pdf", "nul"],
)
def test_binary_is_not_text(data):
    with pytest.raises(InputError, match="not a text file"):
        decode(data, "image.txt")


def test_undecodable_text():
    # random high bytes with control characters: no Cyrillic encoding makes prose of it
    data = bytes([0x81, 0x8D, 0x8F, 0x90, 0x98, 0x01, 0x02, 0x03]) * 50
    with pytest.raises(InputError, match="cannot decode"):
        decode(data, "noise.txt")


def test_empty_is_valid():
    assert decode(b"", "empty.txt") == ""


def test_folder_walk_sorted_recursive_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<p>x</p>")
    (tmp_path / "b" / "1.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.htm").write_text("x")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x")
    names = [os.path.relpath(i.name, tmp_path) for i in expand_inputs([str(tmp_path)])]
    assert names == ["a.txt", os.path.join("b", "1.md"), os.path.join("b", "2.html"), "c.htm"]


def test_missing_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(expand_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [type(i) for i in items] == [InputError, InputError]
    assert items[0].reason == "no such file or folder"
    assert items[1].reason.startswith("no article files")


def test_dash_is_stdin():
    assert list(expand_inputs(["-"])) == [Input("<stdin>")]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_input(Input(str(p), p))


def test_html_page_reduced_to_article_text(sample_text):
    text = read_input(Input("p.html", SAMPLES / "twitter-gpus.html")).text
    # the article paragraphs survive, the page furniture does not
    assert "Сообщается, что социальная сеть приобрела около 10 000 графических процессоров" in text
    for furniture in ("Сбербанк", "Казань", "Ростелеком", "Читайте также", "Магдебург", "Павел Дуров"):
        assert furniture not in text


def test_html_empty_page():
    assert html_to_text("<html><body></body></html>") == ""


def test_permission_denied_reported_even_as_root(tmp_path, monkeypatch):
    # CI runs as root, where chmod 0 does not stop reading: simulate the OS error
    p = tmp_path / "secret.txt"
    p.write_text("x")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(p), "read_bytes", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_input(Input(str(p), p))


def test_html_by_suffix_or_by_content(tmp_path):
    page = "<!DOCTYPE html><html><body><nav>Меню</nav><article><p>" + "Компания Яндекс открыла офис. " * 5
    page += "</p></article></body></html>"
    for name, reduced in (("page", True), ("page.htm", True), ("page.txt", False)):
        p = tmp_path / name
        p.write_text(page, encoding="utf-8")
        text = read_input(Input(str(p), p)).text
        assert ("<p>" not in text) is reduced, name


# --- items: one walk, text or error, never an exception ---------------------------------------


def test_item_holds_text_hash_and_absolute_key(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(RUSSIAN.encode("cp1251"))
    item = one(p)
    assert (item.source, item.key, item.text, item.error) == (str(p), os.path.abspath(p), RUSSIAN, None)
    assert item.content_hash == content_hash(RUSSIAN.encode("cp1251"))


def test_page_gives_its_publication_date():
    item = one(SAMPLES / "twitter-gpus.html")
    assert item.published == "2023-04-12"
    assert one(SAMPLES / "twitter-gpus.txt").published is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title></title><script>var x = 1;</script></head><body><div></div></body></html>",
        "<html><body><nav><a href='/'>Главная</a> <a href='/news'>Новости</a></nav></body></html>",
        "<html><body><header>Шапка сайта</header><footer>(c) 2024 Редакция</footer></body></html>",
    ],
    ids=["script-only", "menu-only", "header-and-footer"],
)
def test_page_with_no_article_text_is_an_error(tmp_path, page):
    p = tmp_path / "empty.html"
    p.write_text(page, encoding="utf-8")
    assert one(p).error == "no article text found in page"
    assert one(p).text is None


def test_page_without_paragraph_tags_keeps_its_text_but_not_its_furniture(tmp_path):
    p = tmp_path / "div.html"
    p.write_text("<html><body><header>Шапка сайта</header><div>Компания Яндекс открыла офис в Москве. "
                 "Это второй офис компании в городе.</div><footer>(c) 2024</footer></body></html>", encoding="utf-8")
    assert one(p).text == "Компания Яндекс открыла офис в Москве. Это второй офис компании в городе."


def test_deeply_nested_page_is_reported(tmp_path):
    p = tmp_path / "deep.html"
    body = "<p>" + "Компания Яндекс открыла офис в Москве. " * 20 + "</p>"
    p.write_text("<html><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>")
    assert one(p).error == "page nested too deeply (over 255 levels)"


def test_any_exception_while_reducing_a_page_is_that_files_error(tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("parser\nexploded")

    monkeypatch.setattr(trafilatura, "extract", broken)
    (tmp_path / "a.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Текст</p></body></html>", encoding="utf-8")
    items = list(read_items([str(tmp_path)]))
    assert [(i.text is not None, i.error) for i in items] == [
        (True, None),
        (False, "cannot read: RuntimeError: parser\nexploded"),
    ]


def test_lone_surrogates_are_replaced(tmp_path):
    p = tmp_path / "esc.txt"
    p.write_bytes(b"Intel \\ud800 H100")
    assert one(p, encoding="unicode_escape").text == "Intel \ufffd H100"


def test_too_long_document_is_an_error(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("а" * 101, encoding="utf-8")
    assert one(p, max_chars=100).error == "document too long: 101 characters (limit 100, see --max-chars)"
    assert one(p, max_chars=101).text == "а" * 101
    assert one(p, max_chars=0).text == "а" * 101


def test_known_document_is_not_decoded(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(RUSSIAN, encoding="utf-8")
    seen = []
    items = list(read_items([str(p)], known=lambda key, digest: seen.append((key, digest)) or True))
    assert seen == [(os.path.abspath(p), content_hash(RUSSIAN.encode()))]
    assert items[0].stored and items[0].text is None


def test_stdin_key_is_its_content_hash(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Текст".encode())))
    (item,) = read_items(["-"])
    assert (item.source, item.key) == ("<stdin>", "<stdin>#" + content_hash("Текст".encode()))


def test_closed_stdin_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    (item,) = read_items(["-"])
    assert (item.source, item.error) == ("<stdin>", "stdin is closed")


# --- JSON Lines archives ---------------------------------------------------------------------

RECORDS = [
    {"id": "a-1", "text": "Глава Intel Пэт Гелсингер приехал в Берлин.", "date": "2024-03-05T10:00:00Z"},
    "not json at all",
    {"id": "a-3", "body": "нет поля text"},
    {"text": "Компания Яндекс открыла офис."},
]


def write_archive(path, records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_archive_records_are_items(tmp_path, name):
    path = tmp_path / name
    write_archive(path, RECORDS)
    items = list(read_items([str(path)], ReadOptions(date_field="date")))
    assert [(i.source, i.text, i.error, i.published) for i in items] == [
        (f"{path}#a-1", RECORDS[0]["text"], None, "2024-03-05"),
        (f"{path}#2", None, "line 2: not a JSON record (Expecting value: line 1 column 1 (char 0))", None),
        (f"{path}#a-3", None, "line 3: no 'text' field", None),
        (f"{path}#4", "Компания Яндекс открыла офис.", None, None),
    ]
    assert items[0].key == os.path.abspath(path) + "#a-1"
    line = json.dumps(RECORDS[0], ensure_ascii=False).encode("utf-8") + b"\n"
    assert items[0].content_hash == content_hash(line)


def test_archive_fields_are_chosen_by_options(tmp_path):
    path = tmp_path / "news.jsonl"
    write_archive(path, [{"uid": 7, "body": "Текст статьи.", "id": "x"}])
    (item,) = read_items([str(path)], ReadOptions(text_field="body", id_field="uid"))
    assert (item.source, item.text) == (f"{path}#7", "Текст статьи.")


def test_archive_in_a_folder_and_truncated_gzip(tmp_path):
    write_archive(tmp_path / "a.jsonl.gz", RECORDS[:1])
    data = (tmp_path / "a.jsonl.gz").read_bytes()
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_items([str(tmp_path)]))
    assert [i.source for i in items] == [f"{tmp_path / 'a.jsonl.gz'}#a-1", str(tmp_path / "b.jsonl.gz")]
    assert items[1].error.startswith("cannot read archive: ")


def test_archive_is_streamed(tmp_path):
    path = tmp_path / "big.jsonl"
    write_archive(path, [{"id": i, "text": "Текст."} for i in range(1000)])
    items = read_items([str(path)])
    first = next(items)
    assert first.source == f"{path}#0"
    with open(path, "a", encoding="utf-8") as f:  # a reader that had slurped the file would not see this
        f.write(json.dumps({"id": "late", "text": "Поздно."}) + "\n")
    assert [i.source for i in items][-1] == f"{path}#late"
