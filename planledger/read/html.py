"""HTML reader: the report's text alone, one line per block, table cells separated by a tab.

A government portal's page holds the report among navigation, breadcrumbs, 【字号：大 中 小】 and
下载 打印 全屏 收藏 toolbars, share buttons, related-article lists and a footer (主办单位, 网站标识码,
ICP备, 版权所有). The main content is found by trafilatura (the field's reference main-content
extractor, https://trafilatura.readthedocs.io), asked for its HTML output. A page built on one of the
content-management systems Chinese portals run keeps the report in a box trafilatura does not know
(``TRS_Editor``, ``UCAP-CONTENT``, ``#zoom``: ``content_containers`` in ``data/portal.yaml``): that box
is handed to it as the page's ``<article>``. Tables used for the page's
layout (a cell holding paragraphs or long text, as older portals are built) are turned into plain
blocks first, so that trafilatura keeps data tables and reads layout tables as the page they are.
A page too small for trafilatura to tell content from chrome (under ``MIN_MAIN_CHARS`` of main
text) is read whole.

Either way the text is laid out by the same walk: dropped are ``script``, ``style``, ``nav``,
``header``, ``footer``, ``noscript`` (and ``template``, ``iframe``, ``svg``…) and comments;
whitespace inside a text node collapses to one space, as a browser renders it (a source line break
between two CJK characters disappears); ``<pre>`` keeps its whitespace; empty lines are dropped.
``Document.text`` is that text: fact offsets point into it.

The title is the page's ``<meta name="ArticleTitle">`` (the field Chinese government CMSs fill), else
its ``og:title``, else its ``<title>`` without the site's name after ``_`` or `` - ``, else its
first ``<h1>``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from planledger import patterns
from planledger.errors import ReadError
from planledger.model import Document
from planledger.read.text import decode_bytes, sha256_hex

_DROP = {"script", "style", "nav", "header", "footer", "noscript", "template", "iframe", "object",
         "embed", "svg", "math", "head", "title", "select", "button", "canvas", "audio", "video"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
          "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2",
          "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p",
          "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"}
_CELLS = {"td", "th"}

_BREAK = object()  # a block boundary: a new line (a space inside a table cell)
_NEWLINE = object()  # <br>
_TAB = object()  # between two cells of a row

_META_CHARSET = patterns.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = patterns.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_SEGMENT_BREAK = patterns.compile(rf"(?<=[{_CJK}])[ \t\f]*[\r\n][ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = patterns.compile(r"[ \t\r\n\f]+")


def declared_charset(data: bytes) -> str | None:
    """The charset named by ``<meta charset>``/``http-equiv`` or an XML declaration, if any."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _collapse(text: str | None) -> str:
    if not text:
        return ""
    return _SPACES.sub(" ", _CJK_SEGMENT_BREAK.sub("", text))


def _tag(element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):  # comment, processing instruction, entity
        return None
    return tag.rsplit("}", 1)[-1].lower()


def _has_previous_cell(element) -> bool:
    previous = element.getprevious()
    while previous is not None:
        if _tag(previous) in _CELLS:
            return True
        previous = previous.getprevious()
    return False


def _tokens(root) -> list:
    """Walk the tree without recursion (deep pages), yielding strings and layout markers."""
    out: list = []
    cell_depth = pre_depth = 0

    def text(value: str | None) -> None:
        if value:
            out.append(value if pre_depth else _collapse(value))

    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        element, starting = stack.pop()
        tag = _tag(element)
        if not starting:
            if tag in _CELLS:
                cell_depth -= 1
            if tag in _BLOCK:
                out.append(" " if cell_depth else _BREAK)
            if tag == "pre":
                pre_depth -= 1
            if element is not root:
                text(element.tail)
            continue
        if tag is None or tag in _DROP:
            if element is not root:
                text(element.tail)
            continue
        # inside a table cell, blocks and <br> become a space so that the row stays on one line
        if tag in _BLOCK:
            out.append(" " if cell_depth else _BREAK)
        if tag == "br":
            out.append(" " if cell_depth else _NEWLINE)
        if tag in _CELLS:
            if _has_previous_cell(element):
                out.append(_TAB)
            cell_depth += 1
        if tag == "pre":
            pre_depth += 1
        text(element.text)
        stack.append((element, False))
        stack.extend((child, True) for child in reversed(element))
    return out


def _assemble(tokens: list) -> str:
    parts: list[str] = []
    for token in tokens:
        if token is _BREAK or token is _NEWLINE:
            parts.append("\n")
        elif token is _TAB:
            parts.append("\t")
        else:
            parts.append(token)
    lines = []
    for line in "".join(parts).split("\n"):
        line = re.sub(r" *\t *", "\t", re.sub(r"(?<=\S) {2,}(?=\S)", " ", line)).strip(" \u00a0\u3000")
        if line.strip():
            lines.append(line)
    return "\n".join(lines)


_SITE_SEPARATOR = patterns.compile(r"\s*(?:_|\||｜|\s[-－—–]\s)\s*")


def _title(root) -> str | None:
    for name in ("ArticleTitle", "og:title"):
        for meta in root.iterfind(".//meta"):
            if name in (meta.get("name"), meta.get("property")):
                title = _collapse(meta.get("content")).strip()
                if title:
                    return title
    element = root.find(".//title")
    if element is not None:
        title = _SITE_SEPARATOR.split(_collapse(element.text_content()).strip())[0].strip()
        if title:
            return title
    element = root.find(".//h1")
    if element is not None:
        title = _collapse(element.text_content()).strip()
        if title:
            return title
    return None


# -- the main content ---------------------------------------------------------------------------------

MIN_MAIN_CHARS = 250  # trafilatura's own floor (MIN_EXTRACTED_SIZE): below it, it dumps the whole page
_LAYOUT_BLOCKS = {"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "form",
                  "blockquote", "pre", "section", "article"}
_LAYOUT_CELL_CHARS = 200  # a data table's cell holds a figure or a name, not a passage


def _unwrap_layout_tables(root) -> None:
    """Turn every table that lays out a page (a cell holding blocks or a passage) into divs."""
    for table in list(root.iter("table")):
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        cells = [cell for row in rows for cell in row.xpath("./td | ./th")]
        if any(len(cell.text_content()) > _LAYOUT_CELL_CHARS
               or any(_tag(d) in _LAYOUT_BLOCKS for d in cell.iterdescendants()) for cell in cells):
            for element in [table, *table.xpath("./thead | ./tbody | ./tfoot"), *rows, *cells]:
                element.tag = "div"


def _collapse_tree(root) -> None:
    """Collapse whitespace as a browser does before trafilatura sees the text (it turns a source line
    break into a space, which would split CJK words); ``<pre>`` and ``<textarea>`` keep theirs."""
    keep = {id(e) for tag in ("pre", "textarea") for p in root.iter(tag) for e in p.iter()}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if id(element) not in keep and element.text:
            element.text = _collapse(element.text)
        if element.tail and id(element.getparent()) not in keep:
            element.tail = _collapse(element.tail)


_CHROME_BLOCK_CHARS = 200


@lru_cache(maxsize=1)
def _chrome_blocks() -> tuple[str, ...]:
    """portal.yaml's chrome_blocks: how a block of the page's chrome begins."""
    from planledger.errors import DataFileError
    from planledger.lexicon import DATA, load_yaml

    entries = load_yaml("portal.yaml").get("chrome_blocks")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
        raise DataFileError(DATA / "portal.yaml", "'chrome_blocks' must be a non-empty list of non-empty strings")
    return tuple(entries)


def _drop_chrome_blocks(tree) -> None:
    """Remove the short blocks that begin as chrome does (上一篇：…, 相关链接…), tails kept."""
    starts = _chrome_blocks()
    for element in list(tree.iter(*(_BLOCK | _CELLS))):
        if element.getparent() is None:
            continue
        text = _collapse(element.text_content()).strip()
        if len(text) < _CHROME_BLOCK_CHARS and text.startswith(starts):
            element.drop_tree()


@lru_cache(maxsize=1)
def _containers() -> tuple[tuple[str, str], ...]:
    """portal.yaml's content_containers as (selector, XPath) pairs."""
    from planledger.errors import DataFileError
    from planledger.lexicon import DATA, load_yaml

    entries = load_yaml("portal.yaml").get("content_containers")
    out = []
    for entry in entries if isinstance(entries, list) else [None]:
        name = entry[1:] if isinstance(entry, str) else ""
        if not (isinstance(entry, str) and entry[:1] in "#." and re.fullmatch(r"[A-Za-z][\w-]*", name)):
            raise DataFileError(DATA / "portal.yaml", f"content_containers: {entry!r} is not '#id' or '.class'")
        out.append((entry, f"//*[@id='{name}']" if entry[0] == "#" else
                    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"))
    return tuple(out)


def _portal_article(tree):
    """A page whose report sits in a known portal container, reduced to that container as its
    ``<article>``; None when the page has none with ``MIN_MAIN_CHARS`` of text."""
    import lxml.html

    for _selector, xpath in _containers():
        for element in tree.xpath(xpath):
            if len(_collapse(element.text_content()).strip()) >= MIN_MAIN_CHARS:
                element.tag = "article"
                page = lxml.html.fromstring("<html><head></head><body></body></html>")
                page.find("head").extend(tree.findall("head/*"))  # the title and meta tags
                page.find("body").append(element)
                return page
    return None


def _main_content(root):
    """The page's main content as an HTML element (trafilatura's HTML output), or None when
    trafilatura finds less than ``MIN_MAIN_CHARS`` of it."""
    import copy
    import logging

    import lxml.html
    import trafilatura

    logging.getLogger("trafilatura").addHandler(logging.NullHandler())  # no warnings on stderr
    tree = copy.deepcopy(root)
    _drop_chrome_blocks(tree)
    article = _portal_article(tree)
    tree = article if article is not None else tree
    _unwrap_layout_tables(tree)
    _collapse_tree(tree)
    main = trafilatura.extract(tree, output_format="html", include_tables=True, include_comments=False,
                               include_images=False, include_links=False, deduplicate=False)
    if not main:
        return None
    body = lxml.html.fromstring(main)
    body = body.find("body") if body.find("body") is not None else body
    if len(_collapse(body.text_content()).strip()) < MIN_MAIN_CHARS:
        return None
    return body


def _check_depth(path: str, root) -> None:
    """Refuse a page whose elements nest deeper than the limit (``--max-html-depth``)."""
    import lxml.etree

    from planledger import limits

    limit = limits.current().max_html_depth
    if not limit:
        return
    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                raise limits.LimitError(path, f"HTML elements nest more than {limit:,} deep, over the "
                                              f"depth limit ({limits.OPTION['max_html_depth']})")


def read_html(path: str, data: bytes) -> Document:
    """Read an HTML page: decode it (BOM, UTF-8, ``<meta charset>``, detection), keep the body text."""
    if not data.strip():
        raise ReadError(path, "empty file")
    text, encoding = decode_bytes(path, data, declared=declared_charset(data))
    import lxml.etree
    import lxml.html

    try:
        # huge_tree: old pages nest hundreds of unclosed <font> tags; libxml2 drops text past depth 256
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                      huge_tree=True)
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(path, f"cannot parse HTML: {exc}") from None
    _check_depth(path, root)
    main = _main_content(root)
    if main is None:
        main = root.find("body")
    body_text = _assemble(_tokens(main if main is not None else root))
    if not body_text.strip():
        raise ReadError(path, "no text in the HTML body")
    return Document(path=str(path), text=body_text, format="html", sha256=sha256_hex(data),
                    encoding=encoding, title=_title(root))
