"""HTML reader: the visible body text, one line per block, table cells separated by a tab.

Dropped: ``script``, ``style``, ``nav``, ``header``, ``footer``, ``noscript`` (and ``template``,
``iframe``, ``svg``…) and comments. Whitespace inside a text node collapses to one space, as a
browser renders it (a source line break between two CJK characters disappears); ``<pre>`` keeps
its whitespace. Empty lines are dropped.
"""
from __future__ import annotations

import re

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

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_SEGMENT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\f]*[\r\n][ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")


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


def _title(root) -> str | None:
    for path in (".//title", ".//h1"):
        element = root.find(path)
        if element is not None:
            title = _collapse(element.text_content()).strip()
            if title:
                return title
    return None


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
    body = root.find("body")
    body_text = _assemble(_tokens(body if body is not None else root))
    if not body_text.strip():
        raise ReadError(path, "no text in the HTML body")
    return Document(path=str(path), text=body_text, format="html", sha256=sha256_hex(data),
                    encoding=encoding, title=_title(root))
